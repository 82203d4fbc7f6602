import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { createTestDependencies } from './helpers.js';

const PASSWORD = 'correct horse battery staple';

test('the credentials table holds a scrypt hash, never the password, and goes with its user', async () => {
  const { accounts, pool, usersRepository } = await createTestDependencies();
  const user = await accounts.register({
    email: `${randomUUID()}@example.com`,
    password: PASSWORD,
    name: 'Ann',
  });
  const stored = await pool.query('SELECT password_hash FROM credentials WHERE user_id = $1', [
    user.id,
  ]);
  assert.match(stored.rows[0].password_hash, /^\$scrypt\$ln=\d+,r=8,p=1\$/);
  assert.doesNotMatch(stored.rows[0].password_hash, /correct horse/);
  await usersRepository.remove(user.id);
  const left = await pool.query('SELECT count(*)::int AS n FROM credentials WHERE user_id = $1', [
    user.id,
  ]);
  assert.equal(left.rows[0].n, 0);
});
