import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { AppError } from '../errors/AppError.js';
import { durationInSeconds } from './duration.js';

// Refresh tokens are random 256-bit values that only the client holds (in a cookie); the store
// sees their SHA-256 alone, so reading the store gives nobody a usable token. Each sign-in starts
// a family of tokens: every refresh replaces the family's current token with a new one, and a
// replaced token coming back means two parties hold it, so the whole family is revoked. A family
// is a sign-in: its id goes into the access tokens issued with it (as `sid`), and what holds on to
// a sign-in beyond a request (Socket.IO connections) hears from onEnded when it is revoked.
//
// A store (memory, Redis or Postgres) does each of these atomically:
//   create({ familyId, userId, tokenHash, expiresAt })
//   rotate(tokenHash, { tokenHash, expiresAt }) -> { status: 'rotated', userId, familyId } when
//     tokenHash was its family's current token, now replaced; { status: 'reused', familyId } when
//     it was replaced before, its family now revoked; { status: 'invalid' } when unknown, expired
//     or revoked
//   revokeFamily(tokenHash) -> the id of the family it revoked, or undefined
export function createRefreshTokens({ config, store }) {
  const ttlMs = durationInSeconds(config.jwtRefreshTtl) * 1000;
  const endings = new EventEmitter();

  function newToken() {
    const token = randomBytes(32).toString('base64url');
    return { token, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + ttlMs) };
  }

  return {
    // Resolves to { token, expiresAt, familyId } for a new sign-in.
    async issue(userId) {
      const { token, tokenHash, expiresAt } = newToken();
      const familyId = randomUUID();
      await store.create({ familyId, userId, tokenHash, expiresAt });
      return { token, expiresAt, familyId };
    },

    // Resolves to { userId, token, expiresAt, familyId } with the token that replaces this one.
    async rotate(token) {
      const { token: successor, tokenHash, expiresAt } = newToken();
      const result = await store.rotate(hashToken(token), { tokenHash, expiresAt });
      if (result.status === 'reused') {
        endings.emit('ended', result.familyId);
        throw AppError.unauthorized('Refresh token already used; sign in again');
      }
      if (result.status !== 'rotated') {
        throw AppError.unauthorized('Invalid or expired refresh token');
      }
      return { userId: result.userId, token: successor, expiresAt, familyId: result.familyId };
    },

    async revoke(token) {
      const familyId = await store.revokeFamily(hashToken(token));
      if (familyId !== undefined) endings.emit('ended', familyId);
    },

    // Calls listener(familyId) when a sign-in ends before its time: signed out, or revoked for a
    // reused token.
    onEnded(listener) {
      endings.on('ended', listener);
    },
  };
}

function hashToken(token) {
  return createHash('sha256').update(token).digest('hex');
}
