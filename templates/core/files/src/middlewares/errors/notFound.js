import { AppError } from '../../errors/AppError.js';

export function notFound() {
  return function routeNotFound(req, res, next) {
    next(AppError.notFound(`No route for ${req.method} ${req.path}`));
  };
}
