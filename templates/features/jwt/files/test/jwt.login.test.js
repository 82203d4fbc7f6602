import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import request from 'supertest';
import { createTestApp } from './helpers.js';
import { bearer, PASSWORD, refreshCookie, register, tokensFrom } from './jwtClient.js';

test('register, login and /me: the access token identifies the user', async () => {
  const app = await createTestApp();
  const user = await register(app);
  const res = await request(app)
    .post('/api/v1/auth/login')
    .send({ email: user.email, password: PASSWORD })
    .expect(200);
  assert.deepEqual(Object.keys(res.body).sort(), ['accessToken', 'expiresIn', 'tokenType']);
  assert.equal(res.body.tokenType, 'Bearer');
  assert.equal(res.body.expiresIn, 15 * 60);
  assert.equal(res.headers['cache-control'], 'no-store');
  const me = await request(app).get('/api/v1/me').set(bearer(res.body.accessToken)).expect(200);
  assert.deepEqual(me.body, {
    id: user.id,
    email: user.email,
    name: user.name,
    role: 'user',
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  });
});

test('the refresh cookie is HttpOnly, SameSite=Strict and scoped to the auth routes', async () => {
  const app = await createTestApp();
  const user = await register(app);
  const res = await request(app)
    .post('/api/v1/auth/login')
    .send({ email: user.email, password: PASSWORD })
    .expect(200);
  const { refreshToken, cookie } = tokensFrom(res);
  assert.match(refreshToken, /^[A-Za-z0-9_-]{43}$/, '256 random bits');
  assert.equal(cookie.attributes.httponly, true);
  assert.equal(cookie.attributes.samesite, 'Strict');
  assert.equal(cookie.attributes.path, '/api/v1/auth');
  assert.equal(cookie.attributes.secure, undefined, 'plain http outside production');
  const days = (Date.parse(cookie.attributes.expires) - Date.now()) / 86_400_000;
  assert.ok(days > 29.9 && days <= 30, `expires in ${days} days`);
});

test('in production the refresh cookie is also Secure', async () => {
  const app = await createTestApp({ env: { NODE_ENV: 'production' } });
  const user = await register(app);
  const res = await request(app)
    .post('/api/v1/auth/login')
    .send({ email: user.email, password: PASSWORD })
    .expect(200);
  assert.equal(refreshCookie(res).attributes.secure, true);
});

test('a wrong password and an unknown email both answer 401, without a cookie', async () => {
  const app = await createTestApp();
  const user = await register(app);
  for (const credentials of [
    { email: user.email, password: 'not the password' },
    { email: `${randomUUID()}@example.com`, password: PASSWORD },
  ]) {
    const res = await request(app).post('/api/v1/auth/login').send(credentials).expect(401);
    assert.deepEqual(res.body, {
      error: { code: 'UNAUTHORIZED', message: 'Invalid email or password' },
    });
    assert.equal(refreshCookie(res), undefined);
  }
});

test('a login posted from another site is refused (login CSRF), and so is a form', async () => {
  const app = await createTestApp();
  const user = await register(app);
  const credentials = { email: user.email, password: PASSWORD };
  const crossSite = await request(app)
    .post('/api/v1/auth/login')
    .set('Sec-Fetch-Site', 'cross-site')
    .send(credentials)
    .expect(403);
  assert.equal(crossSite.body.error.code, 'CSRF_INVALID');
  assert.equal(refreshCookie(crossSite), undefined);
  // A browser that sends no Sec-Fetch-Site can still post a form from anywhere, but not JSON.
  const form = await request(app)
    .post('/api/v1/auth/login')
    .type('form')
    .send(credentials)
    .expect(415);
  assert.equal(form.body.error.code, 'UNSUPPORTED_MEDIA_TYPE');
  assert.equal(refreshCookie(form), undefined);
  await request(app)
    .post('/api/v1/auth/login')
    .set('Sec-Fetch-Site', 'same-origin')
    .send(credentials)
    .expect(200);
});

test('login validates its body', async () => {
  const app = await createTestApp();
  for (const body of [{}, { email: 'ann@example.com' }, { email: 'nope', password: PASSWORD }]) {
    const res = await request(app).post('/api/v1/auth/login').send(body).expect(400);
    assert.equal(res.body.error.code, 'VALIDATION_ERROR');
  }
});

test('10 failed logins per IP and email, then 429 RATE_LIMITED with Retry-After', async () => {
  const app = await createTestApp();
  const user = await register(app);
  const attempt = (password, email = user.email) =>
    request(app).post('/api/v1/auth/login').send({ email, password });
  for (let i = 0; i < 10; i += 1) assert.equal((await attempt(`guess number ${i}`)).status, 401);
  const limited = await attempt('guess number 11');
  assert.equal(limited.status, 429);
  assert.equal(limited.body.error.code, 'RATE_LIMITED');
  assert.ok(Number(limited.headers['retry-after']) > 0);
  assert.match(limited.headers['ratelimit-policy'], /q=10; w=900/);
  // Even the right password waits now; the email is part of the key, so others are not blocked.
  assert.equal((await attempt(PASSWORD)).status, 429);
  assert.equal((await attempt(PASSWORD, user.email.toUpperCase())).status, 429);
  const other = await register(app);
  assert.equal((await attempt(PASSWORD, other.email)).status, 200);
});

test('successful logins do not count against the login limit', async () => {
  const app = await createTestApp();
  const user = await register(app);
  for (let i = 0; i < 11; i += 1) {
    await request(app)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: PASSWORD })
      .expect(200);
  }
});
