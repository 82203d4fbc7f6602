import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { weakSecretIssues } from '../src/auth/weakSecrets.js';

function weakness(secret) {
  return weakSecretIssues({ SECRET: secret }, ['SECRET'])[0]?.message.split(';')[0];
}

test('placeholders and secrets that are obviously not random are weak', () => {
  for (const [secret, reason] of [
    ['change-me-to-a-random-secret-of-32-characters-or-more', 'is a published placeholder'],
    ['a'.repeat(40), 'has too few different characters'],
    ['abcabcabcabcabcabcabcabcabcabcabc', 'has too few different characters'],
    ['K7f#pQ2zX9wL4mN8K7f#pQ2zX9wL4mN8', 'repeats itself'],
    ['my super secret signing key 2024', 'contains "secret"'],
    ['Tr0ub4dor&3-correct-horse-PASSWORD', 'contains "password"'],
    ['zyxwvutsrqponmlkjihgfedcba987654', 'contains a run such as "abcdefg"'],
  ]) {
    assert.equal(weakness(secret), reason, secret);
  }
});

test('random secrets are not weak, and the message says how to make one', () => {
  for (let i = 0; i < 1000; i += 1) {
    assert.equal(weakness(randomBytes(32).toString('base64url')), undefined);
    assert.equal(weakness(randomBytes(16).toString('hex')), undefined);
  }
  const [issue] = weakSecretIssues({ JWT_SECRET: 'x'.repeat(32) }, ['JWT_SECRET', 'UNSET']);
  assert.deepEqual(issue.path, ['JWT_SECRET']);
  assert.match(issue.message, /make one with: node -e ".*randomBytes\(32\)/);
});
