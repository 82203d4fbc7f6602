import { pino } from 'pino';

const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
];

// Lines are written synchronously to stdout: in order, and all of them before the process exits.
// pino's default asynchronous stream writes what is still buffered at exit straight away, which
// can land before a line whose write was in flight ("shutdown complete" before "shutting down").
export function createLogger(config, destination = pino.destination({ dest: 1, sync: true })) {
  return pino(
    {
      level: config.logLevel,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
    },
    destination,
  );
}
