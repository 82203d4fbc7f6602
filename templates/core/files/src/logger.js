import { pino } from 'pino';
import { redactedUrl } from './middlewares/logging/redactedUrl.js';

// Secrets wherever they are logged, at the top level or one level down. Headers need no paths:
// requests and responses are logged through the serializers below, which leave them out.
const REDACTED_PATHS = ['password', '*.password'];
// A batch is written as soon as it reaches this size, without waiting for the end of the turn.
const BATCH_BYTES = 4096;

let stdout;

export function createLogger(config, destination = (stdout ??= batchedStdout())) {
  return pino(
    {
      level: config.logLevel,
      timestamp: isoTime,
      serializers: { req: loggedRequest, res: loggedResponse },
      redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
    },
    destination,
  );
}

// A request as every log line shows it, the request log's and any other that logs `{ req }`: never
// its headers, which carry credentials and cookies, nor the credentials in its query string.
function loggedRequest(req) {
  if (typeof req !== 'object' || req === null) return req;
  return { id: req.id, method: req.method, url: redactedUrl(req) };
}

function loggedResponse(res) {
  if (typeof res !== 'object' || res === null) return res;
  return { statusCode: res.statusCode };
}

// pino's own isoTime formats a Date for every line. Under load many lines share a millisecond,
// and so can share its text.
let lastMillisecond;
let lastTime;
function isoTime() {
  const now = Date.now();
  if (now !== lastMillisecond) {
    lastMillisecond = now;
    lastTime = `,"time":"${new Date(now).toISOString()}"`;
  }
  return lastTime;
}

// Lines are written synchronously to stdout: in order, and all of them before the process exits.
// pino's default asynchronous stream writes what is still buffered at exit straight away, which
// can land before a line whose write was in flight ("shutdown complete" before "shutting down").
// The lines logged during one turn of the event loop go out together at its end, in one write:
// under load that is one system call for many requests instead of one for each. One stream for
// the process, however many loggers, keeps their lines in order too.
function batchedStdout() {
  const stream = pino.destination({ dest: 1, sync: true, minLength: BATCH_BYTES });
  let flushScheduled = false;
  const flush = () => {
    flushScheduled = false;
    stream.flush();
  };
  process.on('exit', flush);
  return {
    write(line) {
      stream.write(line);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
    },
    flush(callback) {
      flush();
      callback?.();
    },
  };
}
