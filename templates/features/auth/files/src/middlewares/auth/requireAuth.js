import { signedIn } from '../../auth/securitySchemes.js';
import { AppError } from '../../errors/AppError.js';
import { describeMiddleware } from '../../openapi/describe.js';

export const NOT_SIGNED_IN = { 401: 'UNAUTHORIZED: nobody is signed in' };

// Who the caller is was settled in the authentication phase; this only reads req.user.
export function requireAuth() {
  return describeMiddleware(
    function requireSignedInUser(req, res, next) {
      next(req.user ? undefined : AppError.unauthorized());
    },
    (method) => ({ ...signedIn(method), errors: NOT_SIGNED_IN }),
  );
}
