import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors/AppError.js';

// The synchronizer token pattern in a few lines of node:crypto rather than a library: csurf is
// deprecated, and csrf-sync would add a dependency that checks every request, while only requests
// the session cookie authenticates need a token (a bearer token cannot be sent by another site).
const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// One token per session: signing in starts a new session, and with it a new token.
export function csrfTokenOf(session) {
  session.csrfToken ??= randomBytes(32).toString('base64url');
  return session.csrfToken;
}

export function needsCsrfToken(req) {
  return !SAFE_METHODS.has(req.method);
}

export function hasValidCsrfToken(req) {
  const expected = req.session?.csrfToken;
  const sent = req.get(CSRF_HEADER);
  if (!expected || !sent) return false;
  const [a, b] = [Buffer.from(sent), Buffer.from(expected)];
  // timingSafeEqual needs equal lengths; a length mismatch reveals nothing about the token.
  return a.length === b.length && timingSafeEqual(a, b);
}

export function csrfInvalid(message = 'Missing or invalid CSRF token') {
  return new AppError(403, 'CSRF_INVALID', message);
}
