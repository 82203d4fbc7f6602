import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import request from 'supertest';
import { createTestApp, dependenciesOf } from './helpers.js';

// An administrator signed in both ways: a session on the agent, and an access token.
async function signedInBothWays() {
  const app = await createTestApp();
  const credentials = { email: `both-${randomUUID()}@example.com`, password: randomUUID() };
  await dependenciesOf(app).accounts.ensureAdmin(credentials.email, credentials.password);
  const agent = request.agent(app);
  await agent.post('/api/v1/auth/session').send(credentials).expect(200);
  const { body } = await request(app).post('/api/v1/auth/login').send(credentials).expect(200);
  return { app, agent, bearer: `Bearer ${body.accessToken}` };
}

function newUser() {
  return { email: `bearer-${randomUUID()}@example.com`, name: 'Bearer' };
}

test('a request with a bearer token is not cookie-authenticated and needs no CSRF token', async () => {
  const { agent, bearer } = await signedInBothWays();
  const res = await agent.post('/api/v1/users').send(newUser()).expect(403);
  assert.equal(res.body.error.code, 'CSRF_INVALID');
  await agent.post('/api/v1/users').set('Authorization', bearer).send(newUser()).expect(201);
});

test('the bearer token decides who is calling when a session is there too', async () => {
  const { app, agent, bearer } = await signedInBothWays();
  const credentials = { email: `user-${randomUUID()}@example.com`, password: randomUUID() };
  await dependenciesOf(app).accounts.register({ ...credentials, name: 'User' });
  const user = request.agent(app);
  await user.post('/api/v1/auth/session').send(credentials).expect(200);
  await user.get('/api/v1/admin/stats').expect(403);
  await user.get('/api/v1/admin/stats').set('Authorization', bearer).expect(200);
  // An invalid token is refused outright, never downgraded to the session behind it.
  await agent.get('/api/v1/me').set('Authorization', 'Bearer not-a-token').expect(401);
});
