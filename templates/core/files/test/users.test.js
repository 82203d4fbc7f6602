import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { createMemoryUsersRepository } from '../src/users/memoryUsersRepository.js';
import { adminAgent, createTestApp } from './helpers.js';

// A fresh in-memory repository per test keeps counts exact whatever database the service uses;
// an administrator may do everything these tests do.
async function usersApi() {
  return adminAgent(await createTestApp({ usersRepository: createMemoryUsersRepository() }));
}

async function createUsers(api, count) {
  const users = [];
  for (let i = 1; i <= count; i += 1) {
    const res = await api
      .post('/api/v1/users')
      .send({ email: `user${i}@example.com`, name: `User ${i}` })
      .expect(201);
    users.push(res.body);
  }
  return users;
}

test('POST creates a user and answers 201 with its Location', async () => {
  const api = await usersApi();
  const res = await api
    .post('/api/v1/users')
    .send({ email: 'ann@example.com', name: '  Ann  ' })
    .expect(201);
  assert.match(res.body.id, /^[0-9a-f-]{36}$/);
  assert.equal(res.headers.location, `/api/v1/users/${res.body.id}`);
  assert.equal(res.body.email, 'ann@example.com');
  assert.equal(res.body.name, 'Ann');
  assert.equal(res.body.role, 'user');
  assert.equal(res.body.createdAt, res.body.updatedAt);
  assert.ok(!Number.isNaN(Date.parse(res.body.createdAt)));
  const fetched = await api.get(res.headers.location).expect(200);
  assert.deepEqual(fetched.body, res.body);
});

test('POST accepts a urlencoded form', async () => {
  const res = await (
    await usersApi()
  )
    .post('/api/v1/users')
    .type('form')
    .send({ email: 'form@example.com', name: 'Form' })
    .expect(201);
  assert.equal(res.body.email, 'form@example.com');
});

test('POST answers 409 CONFLICT when the email is taken, whatever its case', async () => {
  const api = await usersApi();
  await createUsers(api, 1);
  const res = await api
    .post('/api/v1/users')
    .send({ email: 'USER1@Example.com', name: 'Copy' })
    .expect(409);
  assert.equal(res.body.error.code, 'CONFLICT');
});

test('GET lists users page by page', async () => {
  const api = await usersApi();
  const users = await createUsers(api, 5);
  const res = await api.get('/api/v1/users?page=2&limit=2').expect(200);
  assert.deepEqual(res.body, {
    data: users.slice(2, 4),
    page: 2,
    limit: 2,
    total: 5,
    totalPages: 3,
  });
  const empty = await api.get('/api/v1/users?page=4&limit=2').expect(200);
  assert.deepEqual(empty.body.data, []);
});

test('GET defaults to page 1 of 20 and caps the limit at 100', async () => {
  const api = await usersApi();
  const defaults = await api.get('/api/v1/users').expect(200);
  assert.deepEqual(defaults.body, { data: [], page: 1, limit: 20, total: 0, totalPages: 0 });
  const capped = await api.get('/api/v1/users?limit=1000').expect(200);
  assert.equal(capped.body.limit, 100);
});

test('GET rejects a page or limit below 1 or not a number', async () => {
  const api = await usersApi();
  for (const query of ['page=0', 'limit=0', 'page=two', 'limit=1.5']) {
    const res = await api.get(`/api/v1/users?${query}`).expect(400);
    assert.equal(res.body.error.code, 'VALIDATION_ERROR');
    assert.match(res.body.error.details[0].path, /^query\.(page|limit)$/);
  }
});

test('PATCH updates the given fields', async () => {
  const api = await usersApi();
  const [user] = await createUsers(api, 1);
  const res = await api.patch(`/api/v1/users/${user.id}`).send({ name: 'Renamed' }).expect(200);
  assert.equal(res.body.name, 'Renamed');
  assert.equal(res.body.email, user.email);
  assert.equal(res.body.createdAt, user.createdAt);
  assert.ok(res.body.updatedAt >= user.updatedAt);
  const fetched = await api.get(`/api/v1/users/${user.id}`).expect(200);
  assert.equal(fetched.body.name, 'Renamed');
});

test('PATCH keeps emails unique but lets a user keep their own', async () => {
  const api = await usersApi();
  const [first, second] = await createUsers(api, 2);
  await api.patch(`/api/v1/users/${second.id}`).send({ email: first.email }).expect(409);
  await api
    .patch(`/api/v1/users/${first.id}`)
    .send({ email: first.email.toUpperCase() })
    .expect(200);
});

test('PATCH needs at least one known field', async () => {
  const api = await usersApi();
  const [user] = await createUsers(api, 1);
  for (const body of [{}, { role: 'admin' }]) {
    const res = await api.patch(`/api/v1/users/${user.id}`).send(body).expect(400);
    assert.equal(res.body.error.code, 'VALIDATION_ERROR');
  }
});

test('DELETE removes the user and answers 204', async () => {
  const api = await usersApi();
  const [user] = await createUsers(api, 1);
  const res = await api.delete(`/api/v1/users/${user.id}`).expect(204);
  assert.equal(res.text, '');
  await api.get(`/api/v1/users/${user.id}`).expect(404);
});

test('GET, PATCH and DELETE answer 404 NOT_FOUND for an unknown id', async () => {
  const api = await usersApi();
  const path = `/api/v1/users/${randomUUID()}`;
  for (const res of [
    await api.get(path),
    await api.patch(path).send({ name: 'Nobody' }),
    await api.delete(path),
  ]) {
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { error: { code: 'NOT_FOUND', message: 'User not found' } });
  }
});

test('an id that is not a UUID answers 400 VALIDATION_ERROR', async () => {
  const api = await usersApi();
  for (const res of [
    await api.get('/api/v1/users/42'),
    await api.patch('/api/v1/users/42').send({ name: 'Nobody' }),
    await api.delete('/api/v1/users/42'),
  ]) {
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'VALIDATION_ERROR');
    assert.equal(res.body.error.details[0].path, 'params.id');
  }
});
