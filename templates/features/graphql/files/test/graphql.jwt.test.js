import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import request from 'supertest';
import { adminAgent, createTestApp } from './helpers.js';
import { bearer, registerAndLogin } from './jwtClient.js';

const app = await createTestApp();
const CREATE_USER = 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }';

function newUser() {
  return { input: { email: `${randomUUID()}@example.com`, name: 'Grace' } };
}

async function execute(req, query, variables) {
  return (await req.send({ query, variables }).expect(200)).body;
}

test('anonymous: reads, me and createUser answer UNAUTHORIZED', async () => {
  for (const query of ['{ users { total } }', '{ me { id } }']) {
    const result = await execute(request(app).post('/graphql'), query);
    assert.equal(result.errors[0].extensions.code, 'UNAUTHORIZED');
  }
  const created = await execute(request(app).post('/graphql'), CREATE_USER, newUser());
  assert.equal(created.errors[0].extensions.code, 'UNAUTHORIZED');
  // Asking what the schema is needs nobody signed in.
  const typename = await execute(request(app).post('/graphql'), '{ __typename }');
  assert.deepEqual(typename, { data: { __typename: 'Query' } });
});

test('role user: reads and me work, createUser answers FORBIDDEN', async () => {
  const { user, accessToken } = await registerAndLogin(app);
  const as = () => request(app).post('/graphql').set(bearer(accessToken));
  const me = await execute(as(), '{ me { id email role } users(limit: 1) { limit } }');
  assert.deepEqual(me, {
    data: { me: { id: user.id, email: user.email, role: 'user' }, users: { limit: 1 } },
  });
  const created = await execute(as(), CREATE_USER, newUser());
  assert.equal(created.errors[0].extensions.code, 'FORBIDDEN');
});

test('role admin: createUser works', async () => {
  const created = await execute((await adminAgent(app)).post('/graphql'), CREATE_USER, newUser());
  assert.equal(created.errors, undefined);
  assert.match(created.data.createUser.id, /^[0-9a-f-]{36}$/);
});

test('an invalid token is refused before GraphQL runs, as on every route', async () => {
  const res = await request(app)
    .post('/graphql')
    .set(bearer('not-a-jwt'))
    .send({ query: '{ __typename }' })
    .expect(401);
  assert.equal(res.body.error.code, 'UNAUTHORIZED');
});
