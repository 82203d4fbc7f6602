import { Router } from 'express';
import { requireRole } from '../middlewares/auth/requireRole.js';

export function createAdminRouter({ usersRepository }) {
  const router = Router();
  router.use(requireRole('admin'));

  router.get('/stats', async (req, res) => {
    const { total } = await usersRepository.list({ page: 1, limit: 1 });
    res.json({ users: { total } });
  });

  return router;
}
