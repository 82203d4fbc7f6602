import { signedIn } from '../../auth/securitySchemes.js';
import { AppError } from '../../errors/AppError.js';
import { describeMiddleware, effectOf } from '../../openapi/describe.js';
import { NOT_SIGNED_IN } from './requireAuth.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// 401 when nobody is signed in (signing in may help), 403 when the user lacks the role (it won't).
export function requireRole(...roles) {
  const effect = (method) => ({
    ...signedIn(method),
    errors: { ...NOT_SIGNED_IN, 403: `FORBIDDEN: the user's role is not ${roles.join(' or ')}` },
  });
  return describeMiddleware(function requireUserRole(req, res, next) {
    if (!req.user) return next(AppError.unauthorized());
    if (!roles.includes(req.user.role)) return next(AppError.forbidden());
    next();
  }, effect);
}

// For routers whose reads are open to every signed-in user but whose writes are not.
export function requireRoleForWrites(...roles) {
  const check = requireRole(...roles);
  return describeMiddleware(
    function requireRoleToWrite(req, res, next) {
      if (SAFE_METHODS.has(req.method)) return next();
      check(req, res, next);
    },
    (method) => (SAFE_METHODS.has(method) ? undefined : effectOf(check, method)),
  );
}
