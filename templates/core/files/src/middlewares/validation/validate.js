import { AppError } from '../../errors/AppError.js';

// Express 5 makes req.query a getter, so parsed values live on req.valid instead.
export function validate(schemas) {
  return function validateRequest(req, res, next) {
    const valid = {};
    const details = [];
    for (const [part, schema] of Object.entries(schemas)) {
      const result = schema.safeParse(req[part]);
      if (result.success) valid[part] = result.data;
      else details.push(...result.error.issues.map((issue) => toDetail(part, issue)));
    }
    if (details.length > 0) return next(AppError.validation(details));
    req.valid = { ...req.valid, ...valid };
    next();
  };
}

function toDetail(part, issue) {
  return { path: [part, ...issue.path].join('.'), message: issue.message };
}
