import { Router } from 'express';
import { registerBody } from '../auth/auth.schemas.js';
import { validate } from '../middlewares/validation/validate.js';

// Sign-in, refresh and sign-out live beside this, in the router of each way of signing in.
export function createAuthRouter({ accounts }) {
  const router = Router();

  router.post('/register', validate({ body: registerBody }), async (req, res) => {
    const user = await accounts.register(req.valid.body);
    res.status(201).json(user);
  });

  return router;
}
