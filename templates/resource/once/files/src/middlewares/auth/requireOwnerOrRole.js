import { AppError } from '../../errors/AppError.js';
import { describeMiddleware } from '../../openapi/describe.js';

// For the routes that change one record of a resource whose records have owners: the signed-in
// user must own the record or have one of `roles`. `findById` reads the record by the validated
// id; one that does not exist is left to the route, which answers 404.
export function requireOwnerOrRole(findById, ...roles) {
  const effect = () => ({
    errors: { 403: `FORBIDDEN: the user neither owns it nor has the role ${roles.join(' or ')}` },
  });
  return describeMiddleware(async function requireOwner(req, res, next) {
    if (!req.user) return next(AppError.unauthorized());
    if (roles.includes(req.user.role)) return next();
    const record = await findById(req.valid.params.id);
    if (record && record.ownerId !== req.user.id) return next(AppError.forbidden());
    next();
  }, effect);
}
