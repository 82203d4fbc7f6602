import { RedisStore } from 'rate-limit-redis';

// Rate-limit counters in Redis, so that every instance of the service counts against the same
// limit. Each limiter gets a store of its own, named by `name`.
export function redisRateLimitStores({ redis, keyPrefix }) {
  return (name) =>
    new RedisStore({
      prefix: `${keyPrefix}rl:${name}:`,
      sendCommand: (...args) => redis.sendCommand(args),
    });
}
