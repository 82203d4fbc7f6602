import { randomUUID } from 'node:crypto';

// An id from a proxy or caller is kept so one request can be traced across services; anything
// that could smuggle content into logs or headers is replaced.
const VALID_REQUEST_ID = /^[\w.:-]{1,128}$/;

export function requestId() {
  return function assignRequestId(req, res, next) {
    const incoming = req.headers['x-request-id'];
    req.id = incoming && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    next();
  };
}
