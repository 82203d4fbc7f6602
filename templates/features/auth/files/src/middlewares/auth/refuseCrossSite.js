import { AppError } from '../../errors/AppError.js';
import { describeMiddleware } from '../../openapi/describe.js';

// Before sign-in there is nothing to hold a CSRF token, yet a form another site posts to a sign-in
// route would sign the browser in to the attacker's account (login CSRF), and everything the victim
// then does would happen in that account. Browsers say where a request comes from in
// Sec-Fetch-Site; other clients do not send it and are not concerned.
export function refuseCrossSite() {
  return describeMiddleware(refuseCrossSiteRequest, () => ({
    errors: { 403: 'CSRF_INVALID: a cross-site sign-in' },
  }));

  function refuseCrossSiteRequest(req, res, next) {
    if (req.get('sec-fetch-site') !== 'cross-site') return next();
    next(new AppError(403, 'CSRF_INVALID', 'Cross-site request'));
  }
}
