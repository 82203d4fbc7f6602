import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../errors/AppError.js';
import { durationInSeconds } from './duration.js';

// Refresh tokens are random 256-bit values that only the client holds (in a cookie); the store
// sees their SHA-256 alone, so reading the store gives nobody a usable token. Each sign-in starts
// a family of tokens: every refresh replaces the family's current token with a new one, and a
// replaced token coming back means two parties hold it, so the whole family is revoked.
//
// A store (memory, Redis or Postgres) does each of these atomically:
//   create({ familyId, userId, tokenHash, expiresAt })
//   rotate(tokenHash, { tokenHash, expiresAt }) -> { status: 'rotated', userId } when tokenHash
//     was its family's current token, now replaced; { status: 'reused' } when it was replaced
//     before, its family now revoked; { status: 'invalid' } when unknown, expired or revoked
//   revokeFamily(tokenHash): revokes the family of the token, if any
export function createRefreshTokens({ config, store }) {
  const ttlMs = durationInSeconds(config.jwtRefreshTtl) * 1000;

  function newToken() {
    const token = randomBytes(32).toString('base64url');
    return { token, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + ttlMs) };
  }

  return {
    async issue(userId) {
      const { token, tokenHash, expiresAt } = newToken();
      await store.create({ familyId: randomUUID(), userId, tokenHash, expiresAt });
      return { token, expiresAt };
    },

    // Resolves to { userId, token, expiresAt } with the token that replaces this one.
    async rotate(token) {
      const { token: successor, tokenHash, expiresAt } = newToken();
      const result = await store.rotate(hashToken(token), { tokenHash, expiresAt });
      if (result.status === 'reused') {
        throw AppError.unauthorized('Refresh token already used; sign in again');
      }
      if (result.status !== 'rotated') {
        throw AppError.unauthorized('Invalid or expired refresh token');
      }
      return { userId: result.userId, token: successor, expiresAt };
    },

    async revoke(token) {
      await store.revokeFamily(hashToken(token));
    },
  };
}

function hashToken(token) {
  return createHash('sha256').update(token).digest('hex');
}
