import { pinoHttp } from 'pino-http';
import { redactedUrl } from './redactedUrl.js';

// pino-http reuses req.id from requestId(); headers stay out of the logs, along with their secrets,
// and so do credentials in the query string. The serializers read the raw request and response:
// pino-http's wrappers would first copy every header (and parse the query) for each request, only
// for these to pick three fields.
export function requestLogger(logger) {
  return pinoHttp({
    logger,
    wrapSerializers: false,
    customLogLevel: (req, res, err) => {
      if (err || res.statusCode >= 500) return 'error';
      return res.statusCode >= 400 ? 'warn' : 'info';
    },
    serializers: {
      req: (req) => ({ id: req.id, method: req.method, url: redactedUrl(req) }),
      res: (res) => ({ statusCode: res.statusCode }),
    },
  });
}
