import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import request from 'supertest';
import { createTestApp, dependenciesOf } from './helpers.js';
import { bearer, login, refresh, register, registerAndLogin, tokensFrom } from './jwtClient.js';

const sha256 = (value) => createHash('sha256').update(value).digest('hex');

// Two instances of the service: the apps one test builds share this test process's Redis prefix.
// Without Postgres users live in memory, so the second instance is given the first one's users,
// as a shared database would; its refresh tokens go through its own Redis store and connection.
async function twoInstances() {
  const first = await createTestApp();
  const { accounts, usersRepository } = dependenciesOf(first);
  return [first, await createTestApp({ accounts, usersRepository })];
}

test('a refresh token signed in on one instance is refreshed and revoked on another', async () => {
  const [first, second] = await twoInstances();
  const user = await register(first);
  const signedIn = await login(first, user);
  const rotated = tokensFrom(await refresh(second, signedIn.refreshToken).expect(200));
  await request(first).get('/api/v1/me').set(bearer(rotated.accessToken)).expect(200);
  // The token rotated on the second instance is a reuse on the first: the family is revoked.
  await refresh(first, signedIn.refreshToken).expect(401);
  await refresh(second, rotated.refreshToken).expect(401);
});

test('Redis holds only the SHA-256 of refresh tokens, expiring with them', async () => {
  const app = await createTestApp();
  const { redis, config } = dependenciesOf(app);
  const { user, refreshToken } = await registerAndLogin(app);
  const tokenKey = `${config.redisKeyPrefix}refresh:token:${sha256(refreshToken)}`;
  const familyId = await redis.get(tokenKey);
  assert.match(familyId, /^[0-9a-f-]{36}$/);
  const familyKey = `${config.redisKeyPrefix}refresh:family:${familyId}`;
  assert.deepEqual(await redis.hGetAll(familyKey), {
    userId: user.id,
    current: sha256(refreshToken),
  });
  const thirtyDays = 30 * 24 * 60 * 60 * 1000;
  for (const key of [tokenKey, familyKey]) {
    const ttl = await redis.pTTL(key);
    assert.ok(ttl > thirtyDays - 60_000 && ttl <= thirtyDays, `${key} expires in ${ttl} ms`);
  }

  await request(app).post('/api/v1/auth/logout').set('Cookie', `rt=${refreshToken}`).expect(204);
  assert.equal(await redis.exists(familyKey), 0, 'logout deletes the family');
});
