import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import request from 'supertest';

export const PASSWORD = 'correct horse battery staple';

// What a browser would keep from a login or refresh answer: the body's access token and the
// refresh token from the `rt` cookie, with the cookie's attributes.
export function tokensFrom(res) {
  const cookie = refreshCookie(res);
  return { accessToken: res.body.accessToken, refreshToken: cookie?.value, cookie };
}

export function refreshCookie(res) {
  const header = (res.headers['set-cookie'] ?? []).find((line) => line.startsWith('rt='));
  if (!header) return undefined;
  const [pair, ...attributes] = header.split(/;\s*/);
  return {
    value: decodeURIComponent(pair.slice('rt='.length)),
    attributes: Object.fromEntries(
      attributes.map((attribute) => {
        const [name, ...value] = attribute.split('=');
        return [name.toLowerCase(), value.join('=') || true];
      }),
    ),
  };
}

export async function register(app, overrides = {}) {
  const body = { email: `${randomUUID()}@example.com`, password: PASSWORD, name: 'Ann' };
  const res = await request(app)
    .post('/api/v1/auth/register')
    .send({ ...body, ...overrides })
    .expect(201);
  return { ...res.body, password: overrides.password ?? PASSWORD };
}

export async function login(app, { email, password }) {
  const res = await request(app).post('/api/v1/auth/login').send({ email, password }).expect(200);
  return tokensFrom(res);
}

export async function registerAndLogin(app) {
  const user = await register(app);
  return { user, ...(await login(app, user)) };
}

export function refresh(app, refreshToken) {
  return request(app)
    .post('/api/v1/auth/refresh')
    .set('Cookie', `rt=${encodeURIComponent(refreshToken)}`);
}

export function bearer(accessToken) {
  assert.ok(accessToken, 'an access token');
  return { Authorization: `Bearer ${accessToken}` };
}
