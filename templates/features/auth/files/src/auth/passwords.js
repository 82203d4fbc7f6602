import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt);

// scrypt with N = 2^cost, r = 8, p = 1: cost 15 takes 32 MiB and tens of milliseconds per hash.
// Every hash records its own parameters, so a new cost (PASSWORD_HASH_COST) only changes new
// hashes; older ones are upgraded by needsRehash at the next successful sign-in.
export const DEFAULT_COST = 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Bounds on stored parameters, so a corrupted or hostile hash cannot make verification hang.
const MAX_LN = 20;
const MAX_RP = 16;

// The PHC string format: $scrypt$ln=15,r=8,p=1$<salt>$<key>, salt and key in unpadded base64.
const ENCODED = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

export async function hashPassword(password, cost = DEFAULT_COST) {
  const params = { ln: cost, r: BLOCK_SIZE, p: PARALLELISM };
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${base64(salt)}$${base64(key)}`;
}

// Resolves to false, never throws, for a hash it cannot read: a bad hash must not let anyone in.
export async function verifyPassword(password, encoded) {
  const stored = decode(encoded);
  if (!stored) return false;
  const key = await derive(password, stored.salt, stored.key.length, stored.params);
  return timingSafeEqual(key, stored.key);
}

export function needsRehash(encoded, cost = DEFAULT_COST) {
  const stored = decode(encoded);
  if (!stored) return true;
  const { ln, r, p } = stored.params;
  return ln !== cost || r !== BLOCK_SIZE || p !== PARALLELISM;
}

function derive(password, salt, length, { ln, r, p }) {
  const N = 2 ** ln;
  // Unicode normalisation, so the same password typed on another keyboard still matches.
  return scryptAsync(password.normalize('NFKC'), salt, length, { N, r, p, maxmem: 256 * N * r });
}

function decode(encoded) {
  const match = ENCODED.exec(encoded ?? '');
  if (!match) return null;
  const [ln, r, p] = match.slice(1, 4).map(Number);
  if (ln < 1 || ln > MAX_LN || r < 1 || r > MAX_RP || p < 1 || p > MAX_RP) return null;
  const key = Buffer.from(match[5], 'base64');
  if (key.length < 16) return null;
  return { params: { ln, r, p }, salt: Buffer.from(match[4], 'base64'), key };
}

function base64(buffer) {
  return buffer.toString('base64').replace(/=+$/, '');
}
