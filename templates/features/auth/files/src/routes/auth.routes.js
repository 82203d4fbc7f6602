import { Router } from 'express';
import { registerBody } from '../auth/auth.schemas.js';
import { requireJson } from '../middlewares/auth/requireJson.js';
import { validate } from '../middlewares/validation/validate.js';
import { describeRoutes } from '../openapi/describe.js';
import { user } from '../users/users.schemas.js';

// Sign-in, refresh and sign-out live beside this, in the router of each way of signing in.
export function createAuthRouter({ accounts }) {
  const router = Router();

  router.post('/register', requireJson(), validate({ body: registerBody }), async (req, res) => {
    const user = await accounts.register(req.valid.body);
    res.status(201).json(user);
  });

  return describeRoutes(router, {
    'POST /register': {
      summary: 'Register an account with role user',
      tags: ['auth'],
      responses: { 201: { description: 'The new user', schema: user } },
      errors: { 409: 'CONFLICT: the email is already in use' },
    },
  });
}
