import { ipKeyGenerator } from 'express-rate-limit';
import { rateLimiter } from '../security/rateLimit.js';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 10;

// Failed sign-ins are counted per client network and email: one account's password cannot be
// guessed faster than this, and people sharing an office IP do not lock each other out. Successful
// sign-ins do not count. ipKeyGenerator groups IPv6 clients by /56 subnet, since each one usually
// holds a whole block of addresses. Each sign-in route calls this once, with its own name, so
// each limiter has its own store.
export function loginRateLimit({ createRateLimitStore, logger }, name) {
  return rateLimiter({
    windowMs: WINDOW_MS,
    limit: MAX_FAILURES,
    store: createRateLimitStore(`login-${name}`),
    logger,
    keyGenerator: (req) => `${ipKeyGenerator(req.ip)}:${emailOf(req)}`,
    skipSuccessfulRequests: true,
  });
}

function emailOf(req) {
  const email = req.body?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}
