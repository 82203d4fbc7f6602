import { Router } from 'express';
import { AppError } from '../errors/AppError.js';
import { requireAuth } from '../middlewares/auth/requireAuth.js';
import { describeRoutes } from '../openapi/describe.js';
import { user } from '../users/users.schemas.js';

export function createMeRouter({ usersRepository }) {
  const router = Router();

  // Read fresh from the repository: req.user only holds what the credential carried.
  router.get('/', requireAuth(), async (req, res) => {
    const user = await usersRepository.findById(req.user.id);
    if (!user) throw AppError.unauthorized('This account no longer exists');
    res.json(user);
  });

  return describeRoutes(router, {
    'GET /': {
      summary: 'The signed-in user',
      tags: ['auth'],
      responses: { 200: { description: 'The user, read fresh', schema: user } },
    },
  });
}
