// The generated GET /api/v1/users (its router, validation and in-memory repository) mounted on a
// bare Express app: the same handler as the full stack, with none of the middleware in front.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const project = process.env.BENCH_PROJECT;
const express = createRequire(`${project}/package.json`)('express');
const load = (file) => import(pathToFileURL(`${project}/${file}`).href);
const { createUsersRouter } = await load('src/routes/users.routes.js');
const { createMemoryUsersRepository } = await load('src/users/memoryUsersRepository.js');

const usersRepository = createMemoryUsersRepository();
for (let i = 1; i <= 10; i++) {
  await usersRepository.create({ email: `user${i}@example.com`, name: `User ${i}` });
}
const app = express();
app.use('/api/v1/users', createUsersRouter({ usersRepository }));
app.listen(Number(process.env.PORT), '127.0.0.1');
