import { RedisStore } from 'connect-redis';
import session from 'express-session';

export const SESSION_COOKIE = 'sid';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

// One instance for the whole process: app.js mounts it, and Socket.IO reuses it to read the same
// session on connection. Sessions live in Redis, so every instance behind a load balancer sees them.
export function createSessionMiddleware({ config, redis }) {
  return session({
    name: SESSION_COOKIE,
    secret: config.sessionSecret,
    store: new RedisStore({ client: redis, prefix: `${config.redisKeyPrefix}sess:` }),
    // Only changed sessions are written, and only sessions someone signed in to (or started an
    // OAuth2 sign-in with) are created: anonymous traffic costs no Redis keys.
    resave: false,
    saveUninitialized: false,
    // A fixed lifetime from sign-in rather than a sliding one: a stolen cookie stops working at
    // the latest SESSION_TTL after sign-in, however busy its thief keeps it.
    rolling: false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      // Behind a TLS-terminating proxy this needs TRUST_PROXY, or the cookie is never sent.
      secure: config.nodeEnv === 'production',
      maxAge: toMilliseconds(config.sessionTtl),
    },
  });
}

// SESSION_TTL is validated by config.js as a number followed by s, m, h or d.
function toMilliseconds(duration) {
  return Number(duration.slice(0, -1)) * UNIT_MS[duration.at(-1)];
}
