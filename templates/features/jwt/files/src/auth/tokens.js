import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../errors/AppError.js';
import { durationInSeconds } from './duration.js';

// One algorithm, pinned on both sides: a token naming any other ("none", RS256 with the secret
// as a public key...) is refused before its signature is even looked at.
const ALGORITHM = 'HS256';
// RFC 9068's type for access tokens, so no other JWT signed with the same secret passes as one.
const TYPE = 'at+jwt';
// Access tokens whose signature and claims were checked, remembered until they expire: most are
// presented many times, and the check (WebCrypto's HMAC, run as a job off the main thread) is the
// dearest step of a signed-in request. Bounded, oldest first out, so no client can grow it.
const VERIFIED_TOKENS_MAX = 10_000;

// Short-lived, stateless access tokens: { sub: user id, role, sid: the sign-in }, signed with
// JWT_SECRET. `sid` (OpenID Connect's name for it) is the refresh token family of the sign-in the
// token was issued for: what outlives a request, such as a Socket.IO connection, ends with it.
export function createTokens(config) {
  const key = new TextEncoder().encode(config.jwtSecret);
  const accessTokenTtl = durationInSeconds(config.jwtAccessTtl);
  const verifyOptions = {
    algorithms: [ALGORITHM],
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    typ: TYPE,
    // Without these a token that simply leaves out exp would never expire.
    requiredClaims: ['exp', 'iat', 'sub'],
  };
  const verifiedTokens = new Map();

  return {
    // Seconds an access token stays valid, as login answers it in `expiresIn`.
    accessTokenTtl,

    async issueAccessToken(user, signInId) {
      const now = nowInSeconds();
      return new SignJWT({ role: user.role, sid: signInId })
        .setProtectedHeader({ alg: ALGORITHM, typ: TYPE })
        .setSubject(user.id)
        .setIssuer(config.jwtIssuer)
        .setAudience(config.jwtAudience)
        .setIssuedAt(now)
        .setExpirationTime(now + accessTokenTtl)
        .setJti(randomUUID())
        .sign(key);
    },

    // Resolves to { id, role }; rejects with a 401 AppError for any token it did not issue or
    // that has expired. A token seen before is only checked for expiry again (as jose does: it
    // expires at the second `exp` names), since nothing else about it can change.
    async verifyAccessToken(token) {
      const verified = verifiedTokens.get(token);
      if (verified) {
        if (verified.exp > nowInSeconds()) return { ...verified.user };
        verifiedTokens.delete(token);
      }
      let payload;
      try {
        ({ payload } = await jwtVerify(token, key, verifyOptions));
      } catch (error) {
        if (error instanceof errors.JOSEError) throw invalidToken();
        throw error;
      }
      if (typeof payload.sub !== 'string' || typeof payload.role !== 'string') throw invalidToken();
      const user = { id: payload.sub, role: payload.role };
      if (verifiedTokens.size >= VERIFIED_TOKENS_MAX) {
        verifiedTokens.delete(verifiedTokens.keys().next().value);
      }
      verifiedTokens.set(token, { user, exp: payload.exp });
      return { ...user };
    },
  };
}

function nowInSeconds() {
  return Math.floor(Date.now() / 1000);
}

function invalidToken() {
  return AppError.unauthorized('Invalid or expired access token');
}
