import { MemoryStore } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import { ServiceUnavailableError } from '../errors/ServiceUnavailableError.js';

// How long a batched limiter's hits may wait in memory before they are added to Redis.
const SYNC_INTERVAL_MS = 100;
// Adds hits to a counter that expires with its window, which starts at the counter's first hit,
// and answers the count and the time the window has left.
const ADD_HITS = `
local total = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl <= 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return { total, ttl }`;
// Takes a hit back from a counter that is still counting. rate-limit-redis's own DECR would make a
// counter that never expires out of one that is gone: its window is over, or it never counted
// anything (the hits were counted in memory while Redis was down).
const TAKE_HIT_BACK = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('DECR', KEYS[1])
end
return 0`;

// Rate-limit counters in Redis, so that every instance of the service counts against the same
// limit. Each limiter gets a store of its own, named by `name`. A limiter that guards capacity
// rather than credentials asks for `{ batched: true }`, and saves a round trip to Redis per request.
export function redisRateLimitStores({ redis, keyPrefix }) {
  return (name, { batched = false } = {}) => {
    const prefix = `${keyPrefix}rl:${name}:`;
    if (batched) return new BatchedRedisStore({ redis, prefix, syncIntervalMs: SYNC_INTERVAL_MS });
    const shared = new RedisStore({ prefix, sendCommand: (...args) => redis.sendCommand(args) });
    return new LocalWhileRedisIsDown(shared, redis);
  };
}

// A limiter that guards credentials counts every attempt in Redis. While Redis is unavailable it
// counts in this instance's memory instead: sign-in attempts stay limited, per instance, rather
// than all refused (which would stop sign-ins that need only PostgreSQL) or all let through. The
// outage itself is logged by the Redis client.
export class LocalWhileRedisIsDown {
  localKeys = false;
  #options;
  #sharedReady;

  constructor(shared, redis) {
    this.shared = shared;
    this.redis = redis;
    this.local = new MemoryStore();
    this.prefix = shared.prefix;
  }

  // Resolves while Redis is down too: the limiter then counts in memory from its first hit.
  async init(options) {
    this.local.init(options);
    this.#options = options;
    try {
      await this.#initShared();
    } catch (error) {
      if (!(error instanceof ServiceUnavailableError)) throw error;
    }
  }

  async increment(key) {
    try {
      await this.#initShared();
      return await this.shared.increment(key);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableError)) throw error;
      return this.local.increment(key);
    }
  }

  // A hit is taken back from the count that holds it. One counted in memory during an outage stays
  // there after Redis is back, until its window is over: taken from Redis instead, it would lower a
  // count it never added to, and give that client one more attempt.
  async decrement(key) {
    if ((await this.local.get(key))?.totalHits > 0) {
      await this.local.decrement(key);
      return;
    }
    try {
      await this.redis.sendCommand(['EVAL', TAKE_HIT_BACK, '1', this.prefix + key]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableError)) throw error;
      await this.local.decrement(key);
    }
  }

  async resetKey(key) {
    await this.local.resetKey(key);
    await this.shared.resetKey(key);
  }

  shutdown() {
    this.local.shutdown();
  }

  // rate-limit-redis loads its scripts into Redis in init and keeps the outcome, so after a load
  // that failed (Redis went away as the limiter was built) every increment would fail the same
  // way, and the limiter would count in memory until the service restarts. A failed load is tried
  // again with the next hit instead.
  #initShared() {
    this.#sharedReady ??= this.shared.init(this.#options).catch((error) => {
      this.#sharedReady = undefined;
      throw error;
    });
    return this.#sharedReady;
  }
}

// Counts hits in memory and adds them to Redis in batches, every `syncIntervalMs` at most: one
// round trip for all the requests of that time, not one each. A client's first hit in a window
// waits for Redis, so that an instance starts from the count all instances share; from then on it
// learns what the others counted each time it syncs. So together the instances may let through up
// to an interval's worth of requests over the limit before they refuse: fine for a limit that
// guards capacity, not for one that guards credentials. Hits still in memory when the process
// exits are not counted.
export class BatchedRedisStore {
  localKeys = false;
  #counters = new Map();
  #timer;

  constructor({ redis, prefix, syncIntervalMs }) {
    this.redis = redis;
    this.prefix = prefix;
    this.syncIntervalMs = syncIntervalMs;
  }

  init({ windowMs }) {
    this.windowMs = windowMs;
  }

  async increment(key) {
    let counter = this.#counters.get(key);
    if (counter === undefined || counter.resetTime <= Date.now()) {
      // The client's first hit of a window on this instance is counted in Redis before it is
      // answered; hits that arrive meanwhile wait for it too.
      counter = { total: 0, sending: 0, pending: 0, resetTime: Infinity };
      this.#counters.set(key, counter);
      counter.started = this.#send(key, counter, 1).catch((error) => {
        if (this.#counters.get(key) === counter) this.#counters.delete(key);
        throw error;
      });
    } else {
      counter.pending += 1;
    }
    // Every hit schedules a sync, which also drops the counters of windows that are over: clients
    // that come once each (a scan from many addresses) must not pile up in memory.
    this.#scheduleSync();
    await counter.started;
    return {
      totalHits: counter.total + counter.sending + counter.pending,
      resetTime: new Date(counter.resetTime),
    };
  }

  // How many clients this instance holds a counter for.
  get clients() {
    return this.#counters.size;
  }

  async decrement(key) {
    const counter = this.#counters.get(key);
    if (counter !== undefined) {
      counter.pending -= 1;
      this.#scheduleSync();
    }
  }

  async resetKey(key) {
    this.#counters.delete(key);
    await this.redis.del(this.prefix + key);
  }

  async #send(key, counter, hits) {
    counter.sending += hits;
    try {
      const [total, ttl] = await this.redis.sendCommand([
        'EVAL',
        ADD_HITS,
        '1',
        this.prefix + key,
        String(hits),
        String(this.windowMs),
      ]);
      counter.total = total;
      counter.resetTime = Date.now() + ttl;
    } finally {
      counter.sending -= hits;
    }
  }

  #scheduleSync() {
    if (this.#timer === undefined) {
      this.#timer = setTimeout(() => this.#sync(), this.syncIntervalMs).unref();
    }
  }

  // Sends every counter's pending hits; a batch that fails (Redis is down, which its client
  // reports) is kept for the next sync. Counters of windows that are over are dropped.
  #sync() {
    this.#timer = undefined;
    const now = Date.now();
    for (const [key, counter] of this.#counters) {
      if (counter.pending !== 0) {
        const hits = counter.pending;
        counter.pending = 0;
        this.#send(key, counter, hits).catch(() => {
          counter.pending += hits;
        });
      } else if (counter.resetTime <= now && counter.sending === 0) {
        this.#counters.delete(key);
      }
    }
  }
}
