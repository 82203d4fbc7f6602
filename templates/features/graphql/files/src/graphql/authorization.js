import { AppError } from '../errors/AppError.js';

// The rules of requireAuth and requireRole for resolvers, read from the context instead of req:
// 401 when nobody is signed in, 403 when the user lacks the role.
export function assertSignedIn(context) {
  if (!context.user) throw AppError.unauthorized();
}

export function assertRole(context, ...roles) {
  assertSignedIn(context);
  if (!roles.includes(context.user.role)) throw AppError.forbidden();
}
