import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { base64url, decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import request from 'supertest';
import {
  configErrorFor,
  createTestApp,
  createTestDependencies,
  dependenciesOf,
} from './helpers.js';
import { bearer, register, registerAndLogin } from './jwtClient.js';

// A user and a way to sign arbitrary tokens for them, so that each test changes one thing about
// an otherwise valid token and expects the service to refuse it.
async function forgery() {
  const app = await createTestApp();
  const { config } = dependenciesOf(app);
  const user = await register(app);
  const secret = new TextEncoder().encode(config.jwtSecret);
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    sub: user.id,
    role: 'admin',
    iss: config.jwtIssuer,
    aud: config.jwtAudience,
    iat: now,
    exp: now + 60,
  };
  const sign = (payload = claims, { alg = 'HS256', typ = 'at+jwt', key = secret } = {}) =>
    new SignJWT(payload).setProtectedHeader({ alg, typ }).sign(key);
  return { app, claims, sign };
}

async function assertRefused(app, token) {
  const res = await request(app).get('/api/v1/me').set(bearer(token)).expect(401);
  assert.equal(res.body.error.code, 'UNAUTHORIZED');
  assert.equal(res.headers['www-authenticate'], 'Bearer error="invalid_token"');
}

function unsigned(header, payload) {
  const encode = (part) => base64url.encode(JSON.stringify(part));
  return `${encode(header)}.${encode(payload)}.`;
}

test('an access token carries sub, role, iss, aud, iat, exp and jti, pinned to HS256', async () => {
  const app = await createTestApp();
  const { config, tokens } = dependenciesOf(app);
  const token = await tokens.issueAccessToken({ id: 'user-1', role: 'user' });
  assert.deepEqual(decodeProtectedHeader(token), { alg: 'HS256', typ: 'at+jwt' });
  const claims = decodeJwt(token);
  assert.equal(claims.sub, 'user-1');
  assert.equal(claims.role, 'user');
  assert.equal(claims.iss, config.jwtIssuer);
  assert.equal(claims.aud, config.jwtAudience);
  assert.equal(claims.exp - claims.iat, 15 * 60);
  assert.equal(typeof claims.jti, 'string');
  assert.deepEqual(await tokens.verifyAccessToken(token), { id: 'user-1', role: 'user' });
});

test('a valid bearer token authenticates the request', async () => {
  const { app, sign } = await forgery();
  const res = await request(app)
    .get('/api/v1/me')
    .set(bearer(await sign()))
    .expect(200);
  assert.equal(res.body.role, 'user', '/me reads the role from the repository, not the token');
});

test('an answer to a bearer token is not cached', async () => {
  const { app, sign } = await forgery();
  const me = await request(app)
    .get('/api/v1/me')
    .set(bearer(await sign()))
    .expect(200);
  assert.equal(me.headers['cache-control'], 'no-store');
  const anonymous = await request(app).get('/api/v1/me').expect(401);
  assert.equal(anonymous.headers['cache-control'], undefined);
});

test('a token with alg "none" is refused', async () => {
  const { app, claims } = await forgery();
  await assertRefused(app, unsigned({ alg: 'none', typ: 'at+jwt' }, claims));
  await assertRefused(app, unsigned({ alg: 'none' }, claims));
});

test('a token signed with another algorithm is refused, even with the right secret', async () => {
  const { app, sign } = await forgery();
  await assertRefused(app, await sign(undefined, { alg: 'HS512' }));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  await assertRefused(app, await sign(undefined, { alg: 'RS256', key: privateKey }));
});

test('a token signed with another secret is refused', async () => {
  const { app, sign } = await forgery();
  const other = new TextEncoder().encode('another-secret-of-at-least-32-characters!!');
  await assertRefused(app, await sign(undefined, { key: other }));
});

test('a token from another issuer or for another audience is refused', async () => {
  const { app, claims, sign } = await forgery();
  await assertRefused(app, await sign({ ...claims, iss: 'https://evil.example.com' }));
  await assertRefused(app, await sign({ ...claims, aud: 'another-api' }));
  const { iss, aud, ...anonymous } = claims;
  await assertRefused(app, await sign({ ...anonymous, aud }));
  await assertRefused(app, await sign({ ...anonymous, iss }));
});

test('a token without exp, or past its exp, is refused', async () => {
  const { app, claims, sign } = await forgery();
  const { exp, ...withoutExp } = claims;
  assert.ok(exp);
  await assertRefused(app, await sign(withoutExp));
  await assertRefused(app, await sign({ ...claims, iat: claims.iat - 120, exp: claims.iat - 60 }));
});

test('a token without sub or role, or of another type, is refused', async () => {
  const { app, claims, sign } = await forgery();
  const { sub, role, ...rest } = claims;
  await assertRefused(app, await sign({ ...rest, role }));
  await assertRefused(app, await sign({ ...rest, sub }));
  await assertRefused(app, await sign(claims, { typ: 'JWT' }));
});

test('a token whose signature or payload was tampered with is refused', async () => {
  const { app, claims, sign } = await forgery();
  const [header, payload, signature] = (await sign({ ...claims, role: 'user' })).split('.');
  const flipped = signature[0] === 'A' ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
  await assertRefused(app, [header, payload, flipped].join('.'));
  const escalated = base64url.encode(JSON.stringify({ ...claims, role: 'admin' }));
  await assertRefused(app, [header, escalated, signature].join('.'));
});

test('a malformed Authorization header is refused, a missing one is anonymous', async () => {
  const { app, sign } = await forgery();
  for (const header of ['Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'not.a.jwt', 'Bearer a b']) {
    const res = await request(app).get('/api/v1/me').set('Authorization', header).expect(401);
    assert.equal(res.body.error.code, 'UNAUTHORIZED');
  }
  await request(app).get('/api/v1/me').set('Authorization', 'Bearer not.a.jwt').expect(401);
  // The scheme is case-insensitive (RFC 7235).
  await request(app)
    .get('/api/v1/me')
    .set('Authorization', `bearer ${await sign()}`)
    .expect(200);
  // Anonymous requests reach routes that do not need a user.
  await request(app).get('/nowhere').expect(404);
  const anonymous = await request(app).get('/api/v1/me').expect(401);
  assert.equal(anonymous.headers['www-authenticate'], undefined);
});

test('configuration refuses a missing or short JWT_SECRET and a malformed lifetime', () => {
  const secret = 'a-secret-of-at-least-32-characters';
  for (const [env, variable] of [
    [{}, 'JWT_SECRET'],
    [{ JWT_SECRET: 'too-short' }, 'JWT_SECRET'],
    [{ JWT_SECRET: secret, JWT_ACCESS_TTL: '15 minutes' }, 'JWT_ACCESS_TTL'],
    [{ JWT_SECRET: secret, JWT_REFRESH_TTL: '0d' }, 'JWT_REFRESH_TTL'],
  ]) {
    assert.match(configErrorFor(env).message, new RegExp(`- ${variable}: `));
  }
});

test('in production a placeholder or weak JWT_SECRET stops the start-up', async () => {
  const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
  assert.match(example, /^JWT_SECRET=$/m, '.env.example ships no usable secret');
  for (const [secret, reason] of [
    ['test-only-secret-at-least-32-characters-long', 'is a published placeholder'],
    ['jwt-signing-secret-for-production', 'contains "secret"'],
    ['0'.repeat(48), 'has too few different characters'],
  ]) {
    await assert.rejects(createTestDependencies({ NODE_ENV: 'production', JWT_SECRET: secret }), {
      name: 'ConfigError',
      message: new RegExp(`- JWT_SECRET: ${reason}; make one with: node -e`),
    });
    // Outside production the developer's own secret is theirs to choose.
    await createTestDependencies({ JWT_SECRET: secret });
  }
});

// Verified tokens are remembered, so this checks that a remembered one still expires.
test('an access token that was accepted is refused once it has expired', async () => {
  const app = await createTestApp({ env: { JWT_ACCESS_TTL: '2s' } });
  const { accessToken } = await registerAndLogin(app);
  await request(app).get('/api/v1/me').set(bearer(accessToken)).expect(200);
  await sleep(2100);
  await assertRefused(app, accessToken);
});

test('token lifetimes come from JWT_ACCESS_TTL', async () => {
  const app = await createTestApp({ env: { JWT_ACCESS_TTL: '5m' } });
  const { tokens } = dependenciesOf(app);
  assert.equal(tokens.accessTokenTtl, 300);
  const claims = decodeJwt(await tokens.issueAccessToken({ id: 'user-1', role: 'user' }));
  assert.equal(claims.exp - claims.iat, 300);
});
