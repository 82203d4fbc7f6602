import { z } from 'zod';
import { ServiceUnavailableError } from '../errors/ServiceUnavailableError.js';

const id = z.uuid();

// Read-through caches of `GET /<resource>/:id` in Redis, shared by every instance of the service:
// `createCache('users')` keeps users under `<prefix>cache:users:<id>`. Successful writes to a
// record delete its entry before their response is sent, so a client reads its own writes; an
// entry that a concurrent read puts back lives at most `ttlSeconds`. When Redis is unavailable or
// slow the cache steps aside and the repository answers: a read waits at most the client's command
// timeout, and nothing is stored until Redis answers again.
export function readThroughCaches({ redis, keyPrefix, ttlSeconds, logger }) {
  // The entries that name a record in a reference the database clears when that record is
  // deleted (ON DELETE SET NULL): deleting the record deletes them too.
  const referrersOf = (resource, recordId) =>
    `${keyPrefix}cache:referrers:${resource}:${recordId.toLowerCase()}`;

  // `references` maps the fields of a record that the database clears to the resources they name,
  // such as `{ supplier: 'suppliers', ownerId: 'users' }`.
  return function createCache(resource, references = {}) {
    const keyOf = (recordId) => `${keyPrefix}cache:${resource}:${recordId.toLowerCase()}`;
    const referenceFields = Object.entries(references);

    function store(key, body) {
      const write = redis.multi().set(key, JSON.stringify(body), { EX: ttlSeconds });
      for (const [field, referenced] of referenceFields) {
        if (body[field] == null) continue;
        const referrers = referrersOf(referenced, body[field]);
        write.sAdd(referrers, key).expire(referrers, ttlSeconds);
      }
      return write.exec();
    }

    async function forget(recordId, { deleted }) {
      const keys = [keyOf(recordId)];
      if (deleted) {
        const referrers = referrersOf(resource, recordId);
        keys.push(referrers, ...(await redis.sMembers(referrers)));
      }
      await redis.del(keys);
    }

    async function serveCached(req, res, next, key) {
      let cached;
      try {
        cached = await redis.get(key);
      } catch (err) {
        // An outage of Redis is logged once, by the client, rather than with every request.
        if (!(err instanceof ServiceUnavailableError)) {
          logger.warn({ err }, `${resource} cache failed`);
        }
        res.set('X-Cache', 'MISS');
        return next();
      }
      if (cached !== null) {
        res.set('X-Cache', 'HIT').type('json').send(cached);
        return;
      }
      res.set('X-Cache', 'MISS');
      const json = res.json;
      // Only a 200 is stored: errors and not-found answers are never replayed from the cache.
      res.json = (body) => {
        res.json = json;
        if (res.statusCode !== 200) return res.json(body);
        store(key, body)
          .catch((err) => logger.warn({ err }, `${resource} cache not updated`))
          .finally(() => res.json(body));
        return res;
      };
      next();
    }

    function invalidateOnSuccess(req, res, next, recordId) {
      const end = res.end;
      res.end = (...args) => {
        res.end = end;
        if (res.statusCode >= 300) return res.end(...args);
        invalidate(recordId, { deleted: req.method === 'DELETE' }).finally(() => res.end(...args));
        return res;
      };
      next();
    }

    // A failure is logged and the write still succeeds: the stale entry lives at most
    // `ttlSeconds`.
    async function invalidate(recordId, { deleted = false } = {}) {
      await forget(recordId, { deleted }).catch((err) =>
        logger.error({ err }, `${resource} cache not invalidated`),
      );
    }

    return {
      // For writes that do not go through the routes (GraphQL); `deleted` when the record is gone,
      // so that the entries naming it go too.
      invalidate,
      // Mounted at `/:id` after the access rules, so an entry is only served to requests they
      // let through. Ids that are not UUIDs are left to the route's validation.
      readThrough() {
        return (req, res, next) => {
          const parsed = id.safeParse(req.params.id);
          if (!parsed.success) return next();
          if (req.method === 'GET') return serveCached(req, res, next, keyOf(parsed.data));
          if (req.method === 'HEAD' || req.method === 'OPTIONS') return next();
          return invalidateOnSuccess(req, res, next, parsed.data);
        };
      },
    };
  };
}
