import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import request from 'supertest';
import { ensureConfiguredAdmin } from '../src/auth/configuredAdmin.js';
import {
  captureLogger,
  configErrorFor,
  createTestApp,
  createTestDependencies,
  dependenciesOf,
} from './helpers.js';

function newCredentials() {
  return { email: `session-${randomUUID()}@example.com`, password: randomUUID() };
}

async function createAccount(app, { admin = false } = {}) {
  const credentials = newCredentials();
  const { accounts } = dependenciesOf(app);
  if (admin) await accounts.ensureAdmin(credentials.email, credentials.password);
  else await accounts.register({ ...credentials, name: 'Session User' });
  return credentials;
}

// The `sid` cookie a response sets, as its attributes.
function sessionCookie(res) {
  const header = (res.headers['set-cookie'] ?? []).find((cookie) => cookie.startsWith('sid='));
  assert.ok(header, 'the response sets the sid cookie');
  const [pair, ...attributes] = header.split(/;\s*/);
  return { pair, value: pair.slice('sid='.length), attributes };
}

// The id of a session, from its signed cookie value ("s:<id>.<signature>").
function sessionIdOf(cookieValue) {
  return decodeURIComponent(cookieValue).slice(2).split('.')[0];
}

// The Redis key of a session, from its signed cookie value.
function sessionKey(app, cookieValue) {
  return `${dependenciesOf(app).config.redisKeyPrefix}sess:${sessionIdOf(cookieValue)}`;
}

// The ids of the sessions that end from now on, as what holds on to them (Socket.IO) hears it.
function endedSessions(app) {
  const ended = [];
  dependenciesOf(app).sessionEnds.onEnded((sessionId) => ended.push(sessionId));
  return ended;
}

async function signIn(agent, credentials) {
  const res = await agent.post('/api/v1/auth/session').send(credentials).expect(200);
  const { body } = await agent.get('/api/v1/auth/csrf').expect(200);
  return { res, csrfToken: body.csrfToken };
}

test('signing in answers the user and sets an HttpOnly, SameSite=Lax sid cookie', async () => {
  const app = await createTestApp();
  const credentials = await createAccount(app);
  const res = await request(app).post('/api/v1/auth/session').send(credentials).expect(200);
  assert.equal(res.body.email, credentials.email);
  assert.equal(res.body.role, 'user');
  assert.equal(res.body.passwordHash, undefined);
  const cookie = sessionCookie(res);
  assert.ok(cookie.attributes.includes('HttpOnly'));
  assert.ok(cookie.attributes.includes('SameSite=Lax'));
  assert.ok(cookie.attributes.includes('Path=/'));
  assert.ok(cookie.attributes.some((attribute) => attribute.startsWith('Expires=')));
  assert.ok(!cookie.attributes.includes('Secure'), 'plain http outside production');
});

test('in production the cookie is Secure, and set only over HTTPS', async () => {
  const app = await createTestApp({ env: { NODE_ENV: 'production', TRUST_PROXY: '1' } });
  const credentials = await createAccount(app);
  const res = await request(app)
    .post('/api/v1/auth/session')
    .set('X-Forwarded-Proto', 'https')
    .send(credentials)
    .expect(200);
  assert.ok(sessionCookie(res).attributes.includes('Secure'));
  const plain = await request(app).post('/api/v1/auth/session').send(credentials).expect(200);
  assert.equal(plain.headers['set-cookie'], undefined, 'a Secure cookie is never sent over http');
});

test('a wrong password or unknown email answers 401 without a cookie', async () => {
  const app = await createTestApp();
  const credentials = await createAccount(app);
  for (const attempt of [
    { ...credentials, password: 'not-the-password' },
    { ...newCredentials() },
  ]) {
    const res = await request(app).post('/api/v1/auth/session').send(attempt).expect(401);
    assert.equal(res.body.error.code, 'UNAUTHORIZED');
    assert.equal(res.headers['set-cookie'], undefined);
  }
});

test('a sign-in posted from another site is refused (login CSRF)', async () => {
  const app = await createTestApp();
  const credentials = await createAccount(app);
  const res = await request(app)
    .post('/api/v1/auth/session')
    .set('Sec-Fetch-Site', 'cross-site')
    .type('form')
    .send(credentials)
    .expect(403);
  assert.equal(res.body.error.code, 'CSRF_INVALID');
  assert.equal(res.headers['set-cookie'], undefined);
  await request(app)
    .post('/api/v1/auth/session')
    .set('Sec-Fetch-Site', 'same-origin')
    .send(credentials)
    .expect(200);
});

test('a sign-in must be JSON, which another site cannot post without CORS', async () => {
  const app = await createTestApp();
  const credentials = await createAccount(app);
  for (const type of ['form', 'text']) {
    const res = await request(app)
      .post('/api/v1/auth/session')
      .type(type)
      .send(type === 'form' ? credentials : JSON.stringify(credentials))
      .expect(415);
    assert.equal(res.body.error.code, 'UNSUPPORTED_MEDIA_TYPE');
    assert.equal(res.headers['set-cookie'], undefined);
  }
});

test('a malformed sign-in body answers 400 VALIDATION_ERROR', async () => {
  const res = await request(await createTestApp())
    .post('/api/v1/auth/session')
    .send({ email: 'not-an-email' })
    .expect(400);
  assert.equal(res.body.error.code, 'VALIDATION_ERROR');
});

test('the session authenticates /me and the admin route', async () => {
  const app = await createTestApp();
  await request(app).get('/api/v1/me').expect(401);
  const user = request.agent(app);
  const userCredentials = await createAccount(app);
  await signIn(user, userCredentials);
  const me = await user.get('/api/v1/me').expect(200);
  assert.equal(me.body.email, userCredentials.email);
  // What a signed-in session is answered is its user's alone: no cache keeps it.
  assert.equal(me.headers['cache-control'], 'no-store');
  assert.equal(
    (await user.get('/api/v1/auth/csrf').expect(200)).headers['cache-control'],
    'no-store',
  );
  await user.get('/api/v1/admin/stats').expect(403);

  const admin = request.agent(app);
  await signIn(admin, await createAccount(app, { admin: true }));
  await admin.get('/api/v1/admin/stats').expect(200);
});

test('ADMIN_EMAIL naming a registered account gives its sessions no admin role', async () => {
  const app = await createTestApp();
  const { accounts, config } = dependenciesOf(app);
  const squatter = request.agent(app);
  const credentials = await createAccount(app);
  await signIn(squatter, credentials);
  const adminConfig = { ...config, adminEmail: credentials.email, adminPassword: 'admin password' };
  const { logger } = captureLogger();
  await assert.rejects(ensureConfiguredAdmin({ config: adminConfig, accounts, logger }));
  await squatter.get('/api/v1/admin/stats').expect(403);
});

test('a role changed or an account deleted after sign-in counts on the next request', async () => {
  const app = await createTestApp();
  const { usersRepository } = dependenciesOf(app);
  const agent = request.agent(app);
  const { res } = await signIn(agent, await createAccount(app));
  await agent.get('/api/v1/admin/stats').expect(403);
  await usersRepository.update(res.body.id, { role: 'admin' });
  await agent.get('/api/v1/admin/stats').expect(200);
  await usersRepository.remove(res.body.id);
  await agent.get('/api/v1/me').expect(401);
  await agent.get('/api/v1/auth/csrf').expect(401);
});

test('signing in gives a new session id and destroys the old session', async () => {
  const app = await createTestApp();
  const agent = request.agent(app);
  const credentials = await createAccount(app);
  const first = sessionCookie((await signIn(agent, credentials)).res);
  const ended = endedSessions(app);
  // Signing in again over a signed-in session is a state change like any other.
  const refused = await agent.post('/api/v1/auth/session').send(credentials).expect(403);
  assert.equal(refused.body.error.code, 'CSRF_INVALID');
  const { body } = await agent.get('/api/v1/auth/csrf').expect(200);
  const again = await agent
    .post('/api/v1/auth/session')
    .set('X-CSRF-Token', body.csrfToken)
    .send(credentials)
    .expect(200);
  const second = sessionCookie(again);
  assert.notEqual(second.value, first.value);
  const { redis } = dependenciesOf(app);
  assert.equal(await redis.exists(sessionKey(app, first.value)), 0);
  assert.equal(await redis.exists(sessionKey(app, second.value)), 1);
  await request(app).get('/api/v1/me').set('Cookie', first.pair).expect(401);
  await request(app).get('/api/v1/me').set('Cookie', second.pair).expect(200);
  // The session signed in before ends as on sign-out; an anonymous one was never signed in.
  assert.deepEqual(ended, [sessionIdOf(first.value)]);
});

test('signing out destroys the session in Redis and clears the cookie', async () => {
  const app = await createTestApp();
  const agent = request.agent(app);
  const { res, csrfToken } = await signIn(agent, await createAccount(app));
  const cookie = sessionCookie(res);
  const key = sessionKey(app, cookie.value);
  const { redis } = dependenciesOf(app);
  assert.equal(await redis.exists(key), 1);
  const ended = endedSessions(app);

  const out = await agent.delete('/api/v1/auth/session').set('X-CSRF-Token', csrfToken).expect(204);
  assert.match(sessionCookie(out).attributes.join(';'), /Expires=Thu, 01 Jan 1970/);
  assert.equal(await redis.exists(key), 0);
  // A copy of the old cookie, kept by an attacker or another tab, is worthless now.
  await request(app).get('/api/v1/me').set('Cookie', cookie.pair).expect(401);
  await request(app).delete('/api/v1/auth/session').expect(204);
  assert.deepEqual(ended, [sessionIdOf(cookie.value)]);
});

test('a state-changing request on the session needs the CSRF token', async () => {
  const app = await createTestApp();
  const agent = request.agent(app);
  const { csrfToken } = await signIn(agent, await createAccount(app, { admin: true }));
  const user = () => ({ email: `csrf-${randomUUID()}@example.com`, name: 'Csrf' });

  for (const token of [undefined, 'wrong', `${csrfToken}x`, csrfToken.slice(1)]) {
    const attempt = agent.post('/api/v1/users');
    if (token !== undefined) attempt.set('X-CSRF-Token', token);
    const res = await attempt.send(user()).expect(403);
    assert.deepEqual(res.body.error, {
      code: 'CSRF_INVALID',
      message: 'Missing or invalid CSRF token',
    });
  }
  await agent.delete('/api/v1/auth/session').expect(403);
  await agent.get('/api/v1/users').expect(200);
  await agent.post('/api/v1/users').set('X-CSRF-Token', csrfToken).send(user()).expect(201);
});

test('the CSRF token belongs to one session and needs a signed-in one', async () => {
  const app = await createTestApp();
  await request(app).get('/api/v1/auth/csrf').expect(401);
  const first = request.agent(app);
  const second = request.agent(app);
  const { csrfToken } = await signIn(first, await createAccount(app, { admin: true }));
  const other = await signIn(second, await createAccount(app, { admin: true }));
  assert.notEqual(other.csrfToken, csrfToken);
  assert.equal((await first.get('/api/v1/auth/csrf')).body.csrfToken, csrfToken);
  const res = await second
    .post('/api/v1/users')
    .set('X-CSRF-Token', csrfToken)
    .send({ email: `csrf-${randomUUID()}@example.com`, name: 'Csrf' })
    .expect(403);
  assert.equal(res.body.error.code, 'CSRF_INVALID');
});

test('two instances sharing Redis share sessions', async () => {
  const first = await createTestApp();
  // A second process: its own Redis connection and session middleware, the same users.
  const { usersRepository, accounts, credentialsRepository } = dependenciesOf(first);
  const second = await createTestApp({ usersRepository, accounts, credentialsRepository });
  const agent = request.agent(first);
  const { res, csrfToken } = await signIn(agent, await createAccount(first));
  const { pair } = sessionCookie(res);

  const me = await request(second).get('/api/v1/me').set('Cookie', pair).expect(200);
  assert.equal(me.body.id, res.body.id);
  await request(second)
    .delete('/api/v1/auth/session')
    .set('Cookie', pair)
    .set('X-CSRF-Token', csrfToken)
    .expect(204);
  await agent.get('/api/v1/me').expect(401);
});

test('failed sign-ins are rate limited per client IP and email', async () => {
  const app = await createTestApp();
  const credentials = await createAccount(app);
  const wrong = { ...credentials, password: 'not-the-password' };
  for (let attempt = 1; attempt <= 10; attempt += 1) {
    await request(app).post('/api/v1/auth/session').send(wrong).expect(401);
  }
  const res = await request(app).post('/api/v1/auth/session').send(credentials).expect(429);
  assert.equal(res.body.error.code, 'RATE_LIMITED');
  assert.ok(Number(res.headers['retry-after']) > 0);
  // Another account from the same address is not locked out.
  const other = await createAccount(app);
  await request(app).post('/api/v1/auth/session').send(other).expect(200);
});

test('a session lasts SESSION_TTL, in the cookie and in Redis', async () => {
  const app = await createTestApp({ env: { SESSION_TTL: '30m' } });
  const res = await request(app)
    .post('/api/v1/auth/session')
    .send(await createAccount(app))
    .expect(200);
  const cookie = sessionCookie(res);
  const expires = cookie.attributes.find((attribute) => attribute.startsWith('Expires='));
  const lifetime = Date.parse(expires.slice('Expires='.length)) - Date.now();
  assert.ok(lifetime > 29 * 60_000 && lifetime <= 30 * 60_000, `cookie lasts ${lifetime} ms`);
  const ttl = await dependenciesOf(app).redis.ttl(sessionKey(app, cookie.value));
  assert.ok(ttl > 29 * 60 && ttl <= 30 * 60, `Redis keeps the session ${ttl} s`);
});

test('in production the SESSION_SECRET that .env.example shipped stops the start-up', async () => {
  const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
  assert.match(example, /^SESSION_SECRET=$/m, '.env.example ships no usable secret');
  const shipped = 'change-me-to-a-random-secret-of-32-characters-or-more';
  await assert.rejects(
    createTestDependencies({ NODE_ENV: 'production', SESSION_SECRET: shipped }),
    {
      name: 'ConfigError',
      message: /- SESSION_SECRET: is a published placeholder; make one with: node -e/,
    },
  );
  await assert.rejects(
    createTestDependencies({ NODE_ENV: 'production', SESSION_SECRET: 'ab'.repeat(20) }),
    { message: /- SESSION_SECRET: has too few different characters/ },
  );
});

test('configuration refuses a missing or short SESSION_SECRET and a malformed SESSION_TTL', () => {
  const secret = 'a-session-secret-of-at-least-32-characters';
  for (const [env, variable] of [
    [{}, 'SESSION_SECRET'],
    [{ SESSION_SECRET: 'too-short' }, 'SESSION_SECRET'],
    [{ SESSION_SECRET: secret, SESSION_TTL: '8 hours' }, 'SESSION_TTL'],
    [{ SESSION_SECRET: secret, SESSION_TTL: '0h' }, 'SESSION_TTL'],
  ]) {
    assert.match(configErrorFor(env).message, new RegExp(`- ${variable}: `));
  }
});
