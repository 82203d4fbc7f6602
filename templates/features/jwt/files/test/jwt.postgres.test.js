import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import request from 'supertest';
import { createTestApp, dependenciesOf } from './helpers.js';
import { bearer, login, refresh, register, registerAndLogin, tokensFrom } from './jwtClient.js';

const sha256 = (value) => createHash('sha256').update(value).digest('hex');

test('a refresh token signed in on one instance is refreshed and revoked on another', async () => {
  const [first, second] = [await createTestApp(), await createTestApp()];
  const user = await register(first);
  const signedIn = await login(first, user);
  const rotated = tokensFrom(await refresh(second, signedIn.refreshToken).expect(200));
  await request(first).get('/api/v1/me').set(bearer(rotated.accessToken)).expect(200);
  // The token rotated on the second instance is a reuse on the first: the family is revoked.
  await refresh(first, signedIn.refreshToken).expect(401);
  await refresh(second, rotated.refreshToken).expect(401);
});

test('Postgres holds only the SHA-256 of refresh tokens, with their family and expiry', async () => {
  const app = await createTestApp();
  const { pool } = dependenciesOf(app);
  const { user, refreshToken } = await registerAndLogin(app);
  const rotated = tokensFrom(await refresh(app, refreshToken).expect(200));
  const { rows: tokens } = await pool.query(
    `SELECT t.token_hash, t.expires_at, f.user_id, f.current_token_hash
     FROM refresh_tokens t JOIN refresh_token_families f ON f.id = t.family_id
     WHERE f.user_id = $1 ORDER BY t.expires_at`,
    [user.id],
  );
  assert.deepEqual(
    tokens.map((row) => row.token_hash),
    [sha256(refreshToken), sha256(rotated.refreshToken)],
  );
  assert.equal(tokens[0].current_token_hash, sha256(rotated.refreshToken));
  const days = (tokens[1].expires_at - Date.now()) / 86_400_000;
  assert.ok(days > 29.9 && days <= 30, `expires in ${days} days`);
  const raw = await pool.query(
    'SELECT count(*)::int AS n FROM refresh_tokens WHERE token_hash IN ($1, $2)',
    [refreshToken, rotated.refreshToken],
  );
  assert.equal(raw.rows[0].n, 0);
});

test('deleting a user deletes its refresh tokens', async () => {
  const app = await createTestApp();
  const { pool, usersRepository } = dependenciesOf(app);
  const { user, refreshToken } = await registerAndLogin(app);
  await usersRepository.remove(user.id);
  const { rows } = await pool.query(
    `SELECT (SELECT count(*)::int FROM refresh_token_families WHERE user_id = $1) AS families,
            (SELECT count(*)::int FROM refresh_tokens WHERE token_hash = $2) AS tokens`,
    [user.id, sha256(refreshToken)],
  );
  assert.deepEqual(rows[0], { families: 0, tokens: 0 });
  await refresh(app, refreshToken).expect(401);
});
