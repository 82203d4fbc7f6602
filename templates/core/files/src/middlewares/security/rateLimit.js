import { rateLimit } from 'express-rate-limit';
import { AppError } from '../../errors/AppError.js';
import { describeMiddleware } from '../../openapi/describe.js';

// Counters live in memory unless a shared `store` is given; each limiter needs its own store.
// Other options (such as a keyGenerator) go to express-rate-limit as they are.
export function rateLimiter({ windowMs, limit, store, logger, ...options }) {
  const limiter = rateLimit({
    ...options,
    windowMs,
    limit,
    store,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    logger: rateLimitLogger(logger),
    handler: (req, res, next) => {
      next(new AppError(429, 'RATE_LIMITED', 'Too many requests, please try again later'));
    },
  });
  return describeMiddleware(limiter, () => ({
    errors: { 429: 'RATE_LIMITED: too many requests; see the RateLimit and Retry-After headers' },
  }));
}

// The limit every request but the health probes counts against, per client IP. It guards
// capacity, so a shared store may count it in batches rather than with a round trip per request;
// and when its store fails (a shared one can be unreachable for a while) requests go through
// rather than fail, as /ready already reports the outage.
export function globalRateLimit({ config, createRateLimitStore, logger }) {
  return rateLimiter({
    windowMs: config.rateLimitWindowMs,
    limit: config.rateLimitMax,
    store: createRateLimitStore('global', { batched: true }),
    logger,
    passOnStoreError: true,
  });
}

// express-rate-limit's warnings and store errors, as JSON lines rather than on the console. A
// store that is unavailable is a dependency's outage, which is logged once when it starts and
// once when it ends rather than with every request it lets through.
function rateLimitLogger(logger) {
  const log = (level) => (err, message) => {
    if (err instanceof AppError && err.code === 'SERVICE_UNAVAILABLE') return;
    logger[level]({ err }, message ?? err.message);
  };
  return { warn: log('warn'), error: log('error') };
}
