import { rateLimit } from 'express-rate-limit';
import { AppError } from '../../errors/AppError.js';
import { describeMiddleware } from '../../openapi/describe.js';

// Counters live in memory unless a shared `store` is given; each limiter needs its own store.
// Other options (such as a keyGenerator) go to express-rate-limit as they are.
export function rateLimiter({ windowMs, limit, store, ...options }) {
  const limiter = rateLimit({
    ...options,
    windowMs,
    limit,
    store,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res, next) => {
      next(new AppError(429, 'RATE_LIMITED', 'Too many requests, please try again later'));
    },
  });
  return describeMiddleware(limiter, () => ({
    errors: { 429: 'RATE_LIMITED: too many requests; see the RateLimit and Retry-After headers' },
  }));
}

// The limit every request but the health probes counts against, per client IP. When its store
// fails (a shared one can be unreachable for a while) requests go through rather than fail: this
// limit guards capacity, and /ready already reports the outage.
export function globalRateLimit({ config, createRateLimitStore }) {
  return rateLimiter({
    windowMs: config.rateLimitWindowMs,
    limit: config.rateLimitMax,
    store: createRateLimitStore('global'),
    passOnStoreError: true,
  });
}
