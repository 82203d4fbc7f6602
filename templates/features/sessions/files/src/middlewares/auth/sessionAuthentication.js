import { csrfInvalid, hasValidCsrfToken, needsCsrfToken } from '../../auth/csrf.js';
import { findSessionUser } from '../../auth/sessionSignIn.js';
import { describeMiddleware } from '../../openapi/describe.js';

export const CSRF_ERROR = { 403: 'CSRF_INVALID: a session write without its X-CSRF-Token' };

// The signed-in user of the session becomes req.user, unless a bearer token already said who is
// calling. The browser sends the session cookie with every request, whoever made the page, so a
// request that changes state on the strength of that cookie must also prove it came from our own
// client with the session's CSRF token.
export function sessionAuthentication({ accounts }) {
  return describeMiddleware(authenticateSession, (method) =>
    needsCsrfToken({ method }) ? { errors: CSRF_ERROR } : undefined,
  );

  async function authenticateSession(req, res, next) {
    if (!req.session?.userId) return next();
    // An answer to a signed-in session is for its user alone: no cache may keep it for the next
    // user of the browser or of a shared cache.
    res.set('Cache-Control', 'no-store');
    if (req.user) return next();
    if (needsCsrfToken(req) && !hasValidCsrfToken(req)) return next(csrfInvalid());
    req.user = await findSessionUser(req.session, accounts);
    next();
  }
}
