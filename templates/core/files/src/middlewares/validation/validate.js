import { AppError } from '../../errors/AppError.js';
import { describeMiddleware } from '../../openapi/describe.js';

const INVALID_REQUEST =
  'VALIDATION_ERROR: the request does not match its schema; details lists why';
const BODY_ERRORS = {
  400: `${INVALID_REQUEST}; INVALID_JSON: the body is not valid JSON`,
  413: 'PAYLOAD_TOO_LARGE: the body is larger than BODY_LIMIT',
  415: 'UNSUPPORTED_MEDIA_TYPE: the body has a charset or encoding the parsers do not read',
};

// Express 5 makes req.query a getter, so parsed values live on req.valid instead.
// The same schemas describe the request in the OpenAPI document.
export function validate(schemas) {
  return describeMiddleware(validateRequest, () => ({
    request: schemas,
    errors: schemas.body ? BODY_ERRORS : { 400: INVALID_REQUEST },
  }));

  function validateRequest(req, res, next) {
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
  }
}

function toDetail(part, issue) {
  return { path: [part, ...issue.path].join('.'), message: issue.message };
}
