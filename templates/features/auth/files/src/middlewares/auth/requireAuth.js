import { AppError } from '../../errors/AppError.js';

// Who the caller is was settled in the authentication phase; this only reads req.user.
export function requireAuth() {
  return function requireSignedInUser(req, res, next) {
    next(req.user ? undefined : AppError.unauthorized());
  };
}
