import { pinoHttp } from 'pino-http';

// pino-http reuses req.id from requestId(). The request and the response are logged through the
// logger's own serializers (src/logger.js), which read them raw: pino-http's wrappers would first
// copy every header (and parse the query) for each request, only for those to pick three fields.
export function requestLogger(logger) {
  return pinoHttp({
    logger,
    wrapSerializers: false,
    customLogLevel: (req, res, err) => {
      if (err || res.statusCode >= 500) return 'error';
      return res.statusCode >= 400 ? 'warn' : 'info';
    },
  });
}
