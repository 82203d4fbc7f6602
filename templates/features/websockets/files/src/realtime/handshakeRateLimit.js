import { ipKeyGenerator } from 'express-rate-limit';

const WINDOW_MS = 60_000;

// New connections per client IP and minute, counted before anything else is done for them (such
// as reading a session from Redis), in a rate-limit store like the REST API's: with Redis, every
// instance counts against the same limit. The later requests of a long-polling connection do not
// count. A refused handshake over long polling is answered 429 like the REST API; a WebSocket is
// closed. A store that fails lets connections through (while Redis is down, its store counts in
// the instance's memory instead).
export function handshakeRateLimit({ config, createRateLimitStore, logger }) {
  const store = createRateLimitStore('socket-handshake');
  // As express-rate-limit does with the REST API's stores: a store that cannot start is logged,
  // rather than ending the process as an unhandled rejection.
  Promise.resolve(store.init({ windowMs: WINDOW_MS })).catch((err) => {
    logger.error({ err }, 'Socket.IO handshake rate limit store failed to start');
  });

  return async function limitHandshakes(req, res, next) {
    if (req._query.sid !== undefined) return next();
    let counted;
    try {
      counted = await store.increment(ipKeyGenerator(clientIp(req, config.trustProxy)));
    } catch {
      return next();
    }
    if (counted.totalHits <= config.socketHandshakeLimit) return next();
    const retryAfter = Math.max(Math.ceil((counted.resetTime - Date.now()) / 1000), 1);
    res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': retryAfter });
    res.end(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many connections' } }));
  };
}

// The client's address as Express finds it with TRUST_PROXY hops: the connection's peer, or the
// entry of X-Forwarded-For that the last trusted proxy added.
function clientIp(req, trustedHops) {
  const forwarded = req.headers['x-forwarded-for']?.split(',').map((ip) => ip.trim()) ?? [];
  const chain = [req.socket.remoteAddress, ...forwarded.reverse()];
  return chain[Math.min(trustedHops, chain.length - 1)];
}
