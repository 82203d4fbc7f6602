import { STATUS_CODES } from 'node:http';
import { AppError } from '../../errors/AppError.js';

export function errorHandler({ env }) {
  return function handleError(err, req, res, next) {
    const error = toAppError(err);
    if (res.headersSent) {
      // Too late for a JSON body: Express's own handler closes the connection and writes the
      // error to stderr. A dependency's outage is logged once already, so its connection is
      // closed here, without a stack trace per request.
      if (!error.retryAfter) return next(err);
      req.socket.destroy();
      return;
    }
    // pino-http logs the real error, stack included, with the request once the response is sent.
    // An error that says when to retry is a known, passing condition (a dependency's outage,
    // which is logged once when it starts and once when it ends), not one to log per request.
    if (error.status >= 500 && !error.retryAfter) res.err = err;
    if (error.retryAfter) res.set('Retry-After', String(error.retryAfter));
    const body = { code: error.code, message: error.message };
    if (error.details) body.details = error.details;
    // What went wrong inside stays inside in production; errors meant for clients keep their words.
    const internal = error.code === 'INTERNAL_ERROR';
    if (internal && env === 'production') body.message = 'Internal server error';
    if (internal && env === 'development') body.stack = err.stack;
    res.status(error.status).json({ error: body });
  };
}

function toAppError(err) {
  if (err instanceof AppError) return err;
  // body-parser tags its errors with a `type`: clients get a stable code, not the parser's wording.
  if (err.type === 'entity.parse.failed') {
    return new AppError(400, 'INVALID_JSON', 'Request body is not valid JSON');
  }
  if (err.type === 'entity.too.large') {
    return new AppError(413, 'PAYLOAD_TOO_LARGE', `Request body exceeds ${err.limit} bytes`);
  }
  const status = err.status ?? err.statusCode;
  if (status >= 400 && status < 500) {
    const reason = STATUS_CODES[status] ?? 'Client Error';
    const code = reason.toUpperCase().replace(/\W+/g, '_');
    return new AppError(status, code, err.expose ? err.message : reason);
  }
  return new AppError(500, 'INTERNAL_ERROR', err.message);
}
