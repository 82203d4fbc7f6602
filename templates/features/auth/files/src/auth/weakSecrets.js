const MAKE_ONE =
  "make one with: node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64url'))\"";

// Values anyone can read: what .env.example and the tests of generated projects have shipped.
const PLACEHOLDERS = new Set([
  'change-me-to-a-random-secret-of-32-characters-or-more',
  'test-only-secret-at-least-32-characters-long',
  'a-secret-of-at-least-32-characters',
  'a-session-secret-of-at-least-32-characters',
  'a-test-session-secret-of-at-least-32-characters',
]);

// Words people put in a secret they typed rather than generated. Each has a letter hex digits lack,
// and is long enough that a random base64url secret contains one less than once in ten million.
// Digit runs such as 123456 are left to the run check: random hex has them too often.
const WORDS = [
  'secret',
  'password',
  'passwd',
  'change',
  'example',
  'default',
  'placeholder',
  'replace',
  'sample',
  'qwerty',
  'letmein',
];

// Random secrets use more different characters than this: 32 random hex digits fall short less
// than once in ten million.
const MIN_DISTINCT_CHARACTERS = 8;
// 32 random hex digits hold a run of 7 about once in a million, too often to refuse them for it,
// and a run of 9 about once in a billion.
const LONGEST_RUN = 8;

// Problems with the secrets among env (by variable name), in the shape of zod's issues: a secret
// that is a known placeholder, or is obviously not random, signs nothing safely.
export function weakSecretIssues(env, names) {
  return names.flatMap((name) => {
    const value = env[name];
    const weakness = value === undefined ? undefined : weaknessOf(value);
    return weakness ? [{ path: [name], message: `${weakness}; ${MAKE_ONE}` }] : [];
  });
}

function weaknessOf(secret) {
  if (PLACEHOLDERS.has(secret)) return 'is a published placeholder';
  if (new Set(secret).size < MIN_DISTINCT_CHARACTERS) return 'has too few different characters';
  if (/^(.+)\1+$/s.test(secret)) return 'repeats itself';
  const word = WORDS.find((candidate) => secret.toLowerCase().includes(candidate));
  if (word) return `contains "${word}"`;
  if (hasRun(secret)) return 'contains a run such as "abcdefghi"';
  return undefined;
}

// Consecutive characters, up or down (abcdefghi, 987654321), more than LONGEST_RUN of them.
function hasRun(secret) {
  let run = 1;
  let step = 0;
  for (let i = 1; i < secret.length; i += 1) {
    const next = secret.charCodeAt(i) - secret.charCodeAt(i - 1);
    if (Math.abs(next) === 1 && (run === 1 || next === step)) run += 1;
    else run = Math.abs(next) === 1 ? 2 : 1;
    step = next;
    if (run > LONGEST_RUN) return true;
  }
  return false;
}
