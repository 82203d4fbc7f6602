import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../middlewares/auth/requireRole.js';
import { describeRoutes } from '../openapi/describe.js';

const stats = z.object({ users: z.object({ total: z.int() }) });

export function createAdminRouter({ usersRepository }) {
  const router = Router();
  router.use(requireRole('admin'));

  router.get('/stats', async (req, res) => {
    const { total } = await usersRepository.list({ page: 1, limit: 1 });
    res.json({ users: { total } });
  });

  return describeRoutes(router, {
    'GET /stats': {
      summary: 'Counts, for administrators',
      tags: ['admin'],
      responses: { 200: { description: 'How many users there are', schema: stats } },
    },
  });
}
