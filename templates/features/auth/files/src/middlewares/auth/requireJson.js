import { AppError } from '../../errors/AppError.js';
import { describeMiddleware } from '../../openapi/describe.js';

// A page on another site can post a form (urlencoded, multipart or text) to any URL without the
// browser asking this service first, but not JSON: that needs a CORS preflight, which only allowed
// origins pass. Accepting JSON alone keeps the auth routes out of reach of forms elsewhere, also
// from browsers that do not send Sec-Fetch-Site.
export function requireJson() {
  return describeMiddleware(requireJsonBody, () => ({
    errors: { 415: 'UNSUPPORTED_MEDIA_TYPE: the body is not application/json' },
  }));

  function requireJsonBody(req, res, next) {
    if (req.is('application/json')) return next();
    next(new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json'));
  }
}
