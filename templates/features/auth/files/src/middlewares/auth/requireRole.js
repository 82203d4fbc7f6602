import { AppError } from '../../errors/AppError.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// 401 when nobody is signed in (signing in may help), 403 when the user lacks the role (it won't).
export function requireRole(...roles) {
  return function requireUserRole(req, res, next) {
    if (!req.user) return next(AppError.unauthorized());
    if (!roles.includes(req.user.role)) return next(AppError.forbidden());
    next();
  };
}

// For routers whose reads are open to every signed-in user but whose writes are not.
export function requireRoleForWrites(...roles) {
  const check = requireRole(...roles);
  return function requireRoleToWrite(req, res, next) {
    if (SAFE_METHODS.has(req.method)) return next();
    check(req, res, next);
  };
}
