import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { decodeJwt } from 'jose';
import request from 'supertest';
import { ensureConfiguredAdmin } from '../src/auth/configuredAdmin.js';
import { captureLogger, createTestApp, dependenciesOf } from './helpers.js';
import {
  bearer,
  login,
  refresh,
  refreshCookie,
  registerAndLogin,
  tokensFrom,
} from './jwtClient.js';

// These run against the store the project uses: Postgres or Redis when it has them.

test('refresh answers a new access token and rotates the refresh token', async () => {
  const app = await createTestApp();
  const first = await registerAndLogin(app);
  const res = await refresh(app, first.refreshToken).expect(200);
  assert.equal(res.body.tokenType, 'Bearer');
  assert.equal(res.headers['cache-control'], 'no-store');
  const second = tokensFrom(res);
  assert.notEqual(second.refreshToken, first.refreshToken);
  assert.equal(second.cookie.attributes.httponly, true);
  assert.equal(second.cookie.attributes.samesite, 'Strict');
  assert.equal(second.cookie.attributes.path, '/api/v1/auth');
  const me = await request(app).get('/api/v1/me').set(bearer(second.accessToken)).expect(200);
  assert.equal(me.body.id, first.user.id);
  const third = tokensFrom(await refresh(app, second.refreshToken).expect(200));
  assert.notEqual(third.refreshToken, second.refreshToken);
});

test('reusing a rotated refresh token revokes its whole family', async () => {
  const app = await createTestApp();
  const stolen = await registerAndLogin(app);
  const rotated = tokensFrom(await refresh(app, stolen.refreshToken).expect(200));
  const reuse = await refresh(app, stolen.refreshToken).expect(401);
  assert.equal(reuse.body.error.code, 'UNAUTHORIZED');
  assert.match(refreshCookie(reuse).attributes.expires, /1970/, 'the cookie is cleared');
  // The token the legitimate client holds is dead too: whoever has it must sign in again.
  await refresh(app, rotated.refreshToken).expect(401);
  await refresh(app, stolen.refreshToken).expect(401);
});

test('a reuse only revokes its own family, not the same user’s other sign-ins', async () => {
  const app = await createTestApp();
  const laptop = await registerAndLogin(app);
  const phone = await login(app, laptop.user);
  await refresh(app, laptop.refreshToken).expect(200);
  await refresh(app, laptop.refreshToken).expect(401);
  await refresh(app, phone.refreshToken).expect(200);
});

test('two refreshes racing with one token cannot both succeed', async () => {
  const app = await createTestApp();
  const { refreshToken } = await registerAndLogin(app);
  const results = await Promise.all([refresh(app, refreshToken), refresh(app, refreshToken)]);
  const succeeded = results.filter((res) => res.status === 200);
  assert.ok(succeeded.length <= 1, 'at most one winner');
  // The loser is a reuse, so the winner's token was revoked with the family.
  for (const res of succeeded) await refresh(app, tokensFrom(res).refreshToken).expect(401);
});

test('logout revokes the refresh token and clears the cookie', async () => {
  const app = await createTestApp();
  const { refreshToken } = await registerAndLogin(app);
  const res = await request(app)
    .post('/api/v1/auth/logout')
    .set('Cookie', `rt=${refreshToken}`)
    .expect(204);
  const cleared = refreshCookie(res);
  assert.equal(cleared.value, '');
  assert.equal(cleared.attributes.path, '/api/v1/auth');
  assert.match(cleared.attributes.expires, /1970/);
  await refresh(app, refreshToken).expect(401);
  // Logging out twice, or without a cookie, is harmless.
  await request(app).post('/api/v1/auth/logout').set('Cookie', `rt=${refreshToken}`).expect(204);
  await request(app).post('/api/v1/auth/logout').expect(204);
});

test('access tokens name their sign-in, which signing out or a reuse ends', async () => {
  const app = await createTestApp();
  const ended = [];
  dependenciesOf(app).refreshTokens.onEnded((familyId) => ended.push(familyId));
  const signedIn = await registerAndLogin(app);
  const { sid } = decodeJwt(signedIn.accessToken);
  assert.match(sid, /^[0-9a-f-]{36}$/);
  const refreshed = tokensFrom(await refresh(app, signedIn.refreshToken).expect(200));
  assert.equal(decodeJwt(refreshed.accessToken).sid, sid, 'a refresh keeps the sign-in');
  await request(app)
    .post('/api/v1/auth/logout')
    .set('Cookie', `rt=${encodeURIComponent(refreshed.refreshToken)}`)
    .expect(204);
  assert.deepEqual(ended, [sid]);

  const other = await login(app, signedIn.user);
  assert.notEqual(decodeJwt(other.accessToken).sid, sid, 'each sign-in has its own');
  await refresh(app, other.refreshToken).expect(200);
  await refresh(app, other.refreshToken).expect(401);
  assert.deepEqual(ended, [sid, decodeJwt(other.accessToken).sid]);
  // Signing out of a sign-in that has ended already ends nothing more.
  await request(app)
    .post('/api/v1/auth/logout')
    .set('Cookie', `rt=${encodeURIComponent(other.refreshToken)}`)
    .expect(204);
  assert.equal(ended.length, 2);
});

test('refresh without a cookie, or with an unknown token, answers 401', async () => {
  const app = await createTestApp();
  const missing = await request(app).post('/api/v1/auth/refresh').expect(401);
  assert.equal(missing.body.error.code, 'UNAUTHORIZED');
  for (const token of ['garbage', 'A'.repeat(43)]) {
    const res = await refresh(app, token).expect(401);
    assert.match(refreshCookie(res).attributes.expires, /1970/);
  }
});

test('an expired refresh token answers 401', async () => {
  const app = await createTestApp({ env: { JWT_REFRESH_TTL: '1s' } });
  const { refreshToken } = await registerAndLogin(app);
  await sleep(1100);
  await refresh(app, refreshToken).expect(401);
});

test('refresh reads the user again: a new role counts, a deleted account ends the session', async () => {
  const app = await createTestApp();
  const { usersRepository } = dependenciesOf(app);
  const { user, accessToken, refreshToken } = await registerAndLogin(app);
  await request(app).get('/api/v1/admin/stats').set(bearer(accessToken)).expect(403);
  await usersRepository.update(user.id, { role: 'admin' });
  const promoted = tokensFrom(await refresh(app, refreshToken).expect(200));
  await request(app).get('/api/v1/admin/stats').set(bearer(promoted.accessToken)).expect(200);
  await usersRepository.remove(user.id);
  await refresh(app, promoted.refreshToken).expect(401);
});

test('when the token store fails, refresh answers 500 and leaves the cookie for a retry', async () => {
  const refreshTokens = {
    rotate: async () => {
      throw new Error('store unreachable');
    },
  };
  const app = await createTestApp({ refreshTokens });
  const res = await refresh(app, 'A'.repeat(43)).expect(500);
  assert.equal(refreshCookie(res), undefined);
});

test('ADMIN_EMAIL naming a registered account gives its refresh tokens no admin role', async () => {
  const app = await createTestApp();
  const { accounts, config } = dependenciesOf(app);
  const squatter = await registerAndLogin(app);
  const adminConfig = {
    ...config,
    adminEmail: squatter.user.email,
    adminPassword: 'admin password',
  };
  const { logger } = captureLogger();
  await assert.rejects(ensureConfiguredAdmin({ config: adminConfig, accounts, logger }));
  const { accessToken } = tokensFrom(await refresh(app, squatter.refreshToken).expect(200));
  assert.equal(decodeJwt(accessToken).role, 'user');
  await request(app).get('/api/v1/admin/stats').set(bearer(accessToken)).expect(403);
});
