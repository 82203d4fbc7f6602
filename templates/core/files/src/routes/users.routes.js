import { Router } from 'express';
import { AppError } from '../errors/AppError.js';
import { validate } from '../middlewares/validation/validate.js';
import {
  createUserBody,
  listUsersQuery,
  updateUserBody,
  userParams,
} from '../users/users.schemas.js';

export function createUsersRouter({ usersRepository }) {
  const router = Router();

  router.get('/', validate({ query: listUsersQuery }), async (req, res) => {
    const { page, limit } = req.valid.query;
    const { data, total } = await usersRepository.list({ page, limit });
    res.json({ data, page, limit, total, totalPages: Math.ceil(total / limit) });
  });

  router.post('/', validate({ body: createUserBody }), async (req, res) => {
    const user = await usersRepository.create(req.valid.body);
    res.status(201).location(`${req.baseUrl}/${user.id}`).json(user);
  });

  router.get('/:id', validate({ params: userParams }), async (req, res) => {
    const user = await usersRepository.findById(req.valid.params.id);
    if (!user) throw userNotFound();
    res.json(user);
  });

  router.patch('/:id', validate({ params: userParams, body: updateUserBody }), async (req, res) => {
    const user = await usersRepository.update(req.valid.params.id, req.valid.body);
    if (!user) throw userNotFound();
    res.json(user);
  });

  router.delete('/:id', validate({ params: userParams }), async (req, res) => {
    if (!(await usersRepository.remove(req.valid.params.id))) throw userNotFound();
    res.status(204).end();
  });

  return router;
}

function userNotFound() {
  return AppError.notFound('User not found');
}
