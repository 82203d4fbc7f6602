import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
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
    ['zyxwvutsrqponmlkjihgfedcba987654', 'contains a run such as "abcdefghi"'],
    ['Kq-123456789-Zt8wLmN4pX2vR7yB3sD', 'contains a run such as "abcdefghi"'],
  ]) {
    assert.equal(weakness(secret), reason, secret);
  }
});

// Random bytes from a fixed seed, so that a secret this test refuses is refused on every run and
// the message names it.
function seededBytes(seed, size) {
  return createHash('sha512').update(`weak-secrets:${seed}`).digest().subarray(0, size);
}

test('random secrets are not weak, and the message says how to make one', () => {
  for (let seed = 0; seed < 5000; seed += 1) {
    for (const secret of [
      seededBytes(seed, 32).toString('base64url'),
      seededBytes(seed, 16).toString('hex'),
    ]) {
      assert.equal(weakness(secret), undefined, `seed ${seed}: ${secret}`);
    }
  }
  const [issue] = weakSecretIssues({ JWT_SECRET: 'x'.repeat(32) }, ['JWT_SECRET', 'UNSET']);
  assert.deepEqual(issue.path, ['JWT_SECRET']);
  assert.match(issue.message, /make one with: node -e ".*randomBytes\(32\)/);
});

test('random secrets that hold a short run or a digit sequence are not weak', () => {
  // Drawn by crypto.randomBytes(16).toString('hex'). Random hex holds a run of 7 or the digits
  // 123456 about once in a million secrets, so neither makes a secret weak.
  for (const secret of [
    '41e42345678441d1a12321fd381c201d',
    'd6e77f7199876543c118349240c7be05',
    '8afc36ac2fb12345657fe43a85e5cd83',
  ]) {
    assert.equal(weakness(secret), undefined, secret);
  }
});
