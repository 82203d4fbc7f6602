import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import request from 'supertest';
import { createTestApp } from './helpers.js';

const app = await createTestApp();

// An agent signed in with a session as a new user with role user, and its CSRF token.
async function sessionUser() {
  const credentials = { email: `${randomUUID()}@example.com`, password: randomUUID() };
  const registered = await request(app)
    .post('/api/v1/auth/register')
    .send({ ...credentials, name: 'Sam' })
    .expect(201);
  const agent = request.agent(app);
  await agent.post('/api/v1/auth/session').send(credentials).expect(200);
  const { csrfToken } = (await agent.get('/api/v1/auth/csrf').expect(200)).body;
  return { agent, csrfToken, user: registered.body };
}

test('a session user reads through GraphQL; createUser answers FORBIDDEN', async () => {
  const { agent, csrfToken, user } = await sessionUser();
  const me = await agent
    .post('/graphql')
    .set('X-CSRF-Token', csrfToken)
    .send({ query: '{ me { id role } }' })
    .expect(200);
  assert.deepEqual(me.body, { data: { me: { id: user.id, role: 'user' } } });
  const created = await agent
    .post('/graphql')
    .set('X-CSRF-Token', csrfToken)
    .send({
      query: 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }',
      variables: { input: { email: `${randomUUID()}@example.com`, name: 'X' } },
    })
    .expect(200);
  assert.equal(created.body.errors[0].extensions.code, 'FORBIDDEN');
});

test('a POST to /graphql on the strength of the session cookie needs the CSRF token', async () => {
  const { agent } = await sessionUser();
  const res = await agent.post('/graphql').send({ query: '{ me { id } }' }).expect(403);
  assert.equal(res.body.error.code, 'CSRF_INVALID');
  // A GET can only query, so it needs no token.
  const viaGet = await agent.get('/graphql').query({ query: '{ me { role } }' }).expect(200);
  assert.deepEqual(viaGet.body, { data: { me: { role: 'user' } } });
});

test('without a session, me answers UNAUTHORIZED', async () => {
  const res = await request(app).post('/graphql').send({ query: '{ me { id } }' }).expect(200);
  assert.equal(res.body.errors[0].extensions.code, 'UNAUTHORIZED');
});
