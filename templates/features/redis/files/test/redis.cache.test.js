import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import express from 'express';
import request from 'supertest';
import { readThroughCaches } from '../src/cache/readThroughCache.js';
import { createOutageLog } from '../src/outages/outageLog.js';
import { createRedisClient } from '../src/redis/client.js';
import { adminAgent, captureLogger, createTestApp, dependenciesOf } from './helpers.js';
import { ANSWERED_WITHIN_MS, STALL_TEST, STALL_TIMEOUT_MS } from './outages.js';
import { startRedisProxy } from './redisProxy.js';
import { testRedisUrl } from './redisServer.js';

async function createUser(api) {
  const res = await api
    .post('/api/v1/users')
    .send({ email: `${randomUUID()}@example.com`, name: 'Cached' })
    .expect(201);
  return res.body;
}

function cacheKey(app, id) {
  return `${dependenciesOf(app).config.redisKeyPrefix}cache:users:${id}`;
}

test('GET /api/v1/users/:id is a MISS, then a HIT with the same body', async () => {
  const app = await createTestApp();
  const api = await adminAgent(app);
  const user = await createUser(api);
  const path = `/api/v1/users/${user.id}`;

  const miss = await api.get(path).expect(200);
  assert.equal(miss.headers['x-cache'], 'MISS');
  const hit = await api.get(path).expect(200);
  assert.equal(hit.headers['x-cache'], 'HIT');
  assert.deepEqual(hit.body, miss.body);
  assert.match(hit.headers['content-type'], /^application\/json; charset=utf-8$/);

  const { redis, config } = dependenciesOf(app);
  const ttl = await redis.ttl(cacheKey(app, user.id));
  assert.ok(ttl > 0 && ttl <= config.cacheTtlSeconds, `the entry expires (${ttl} s)`);
});

test('an id in upper case is the same entry as in lower case', async () => {
  const api = await adminAgent(await createTestApp());
  const user = await createUser(api);
  await api.get(`/api/v1/users/${user.id}`).expect(200);
  const res = await api.get(`/api/v1/users/${user.id.toUpperCase()}`).expect(200);
  assert.equal(res.headers['x-cache'], 'HIT');
  assert.equal(res.body.id, user.id);
});

test('PATCH invalidates the entry before it answers', async () => {
  const api = await adminAgent(await createTestApp());
  const user = await createUser(api);
  const path = `/api/v1/users/${user.id}`;
  await api.get(path).expect(200);
  assert.equal((await api.get(path).expect(200)).headers['x-cache'], 'HIT');

  await api.patch(path).send({ name: 'Renamed' }).expect(200);
  const fresh = await api.get(path).expect(200);
  assert.equal(fresh.headers['x-cache'], 'MISS');
  assert.equal(fresh.body.name, 'Renamed');
  const cached = await api.get(path).expect(200);
  assert.equal(cached.headers['x-cache'], 'HIT');
  assert.equal(cached.body.name, 'Renamed');
});

test('DELETE invalidates the entry, and a 404 is never cached', async () => {
  const app = await createTestApp();
  const api = await adminAgent(app);
  const user = await createUser(api);
  const path = `/api/v1/users/${user.id}`;
  await api.get(path).expect(200);
  assert.equal((await api.get(path).expect(200)).headers['x-cache'], 'HIT');

  await api.delete(path).expect(204);
  for (let i = 0; i < 2; i += 1) {
    const res = await api.get(path).expect(404);
    assert.equal(res.headers['x-cache'], 'MISS');
  }
  assert.equal(await dependenciesOf(app).redis.exists(cacheKey(app, user.id)), 0);
});

test('a failed write leaves the entry in place', async () => {
  const api = await adminAgent(await createTestApp());
  const [user, other] = [await createUser(api), await createUser(api)];
  const path = `/api/v1/users/${user.id}`;
  await api.get(path).expect(200);
  await api.patch(path).send({ email: other.email }).expect(409);
  assert.equal((await api.get(path).expect(200)).headers['x-cache'], 'HIT');
});

test('two instances share the cache and its invalidation', async () => {
  const first = await createTestApp();
  // One store of users behind both, as a database would be.
  const second = await createTestApp({ usersRepository: dependenciesOf(first).usersRepository });
  const [api1, api2] = [await adminAgent(first), await adminAgent(second)];
  const user = await createUser(api1);
  const path = `/api/v1/users/${user.id}`;

  assert.equal((await api1.get(path).expect(200)).headers['x-cache'], 'MISS');
  assert.equal((await api2.get(path).expect(200)).headers['x-cache'], 'HIT');
  await api2.patch(path).send({ name: 'Changed elsewhere' }).expect(200);
  const res = await api1.get(path).expect(200);
  assert.equal(res.headers['x-cache'], 'MISS');
  assert.equal(res.body.name, 'Changed elsewhere');
});

test('the cache never answers a request the access rules refuse', async () => {
  const app = await createTestApp();
  const api = await adminAgent(app);
  const user = await createUser(api);
  const path = `/api/v1/users/${user.id}`;
  const anonymous = () => request(app).get(path);

  const before = await anonymous();
  await api.get(path).expect(200);
  const after = await anonymous();
  // Where reads need a signed-in user they are still refused once the user is cached; where
  // they do not, the anonymous read is served from the cache.
  assert.equal(after.status, before.status);
  assert.equal(after.headers['x-cache'] === 'HIT', after.status === 200);
});

test('ids that are not UUIDs are left to validation and never cached', async () => {
  const app = await createTestApp();
  const api = await adminAgent(app);
  const res = await api.get('/api/v1/users/not-a-uuid').expect(400);
  assert.equal(res.headers['x-cache'], undefined);
});

// The caches on their own, in front of handlers standing in for two resources' routes, with a
// Redis client at `url` that waits at most STALL_TIMEOUT_MS for an answer.
async function cachedApp(t, url, logger) {
  const outage = createOutageLog({ dependency: 'redis', logger });
  const redis = await createRedisClient({ url, commandTimeoutMs: STALL_TIMEOUT_MS, outage });
  t.after(() => redis.close());
  const createCache = readThroughCaches({
    redis,
    keyPrefix: `test:${randomUUID()}:`,
    ttlSeconds: 60,
    logger,
  });
  // Every thing names `other` in a reference the database would clear when it is deleted.
  const things = createCache('things', { other: 'others' });
  const other = randomUUID();
  let version = 0;
  const app = express();
  app.use('/things/:id', things.readThrough());
  app.get('/things/:id', (req, res) => res.json({ id: req.params.id, other, version }));
  app.patch('/things/:id', (req, res) => res.json({ version: ++version }));
  app.use('/others/:id', createCache('others').readThrough());
  app.get('/others/:id', (req, res) => res.json({ version }));
  app.patch('/others/:id', (req, res) => res.json({ version }));
  app.delete('/others/:id', (req, res) => res.status(204).end());
  return { app, redis, things, other };
}

test('each resource has entries of its own, invalidated by its writes', async (t) => {
  const { app } = await cachedApp(t, testRedisUrl(), captureLogger().logger);
  const id = randomUUID();
  assert.equal((await request(app).get(`/things/${id}`)).headers['x-cache'], 'MISS');
  assert.equal((await request(app).get(`/things/${id}`)).headers['x-cache'], 'HIT');
  assert.equal((await request(app).get(`/others/${id}`)).headers['x-cache'], 'MISS');
  await request(app).patch(`/things/${id}`).expect(200);
  const fresh = await request(app).get(`/things/${id}`);
  assert.equal(fresh.headers['x-cache'], 'MISS');
  assert.equal(fresh.body.version, 1);
});

test('deleting a record forgets the entries that name it, changing it does not', async (t) => {
  const { app, other } = await cachedApp(t, testRedisUrl(), captureLogger().logger);
  const path = `/things/${randomUUID()}`;
  await request(app).get(path).expect(200);
  await request(app).patch(`/others/${other}`).expect(200);
  assert.equal((await request(app).get(path)).headers['x-cache'], 'HIT');
  await request(app).delete(`/others/${other.toUpperCase()}`).expect(204);
  assert.equal((await request(app).get(path)).headers['x-cache'], 'MISS');
});

test('without Redis the cache steps aside and the repository answers', async (t) => {
  const proxy = await startRedisProxy(t);
  const { logger, lines } = captureLogger();
  const { app, other } = await cachedApp(t, proxy.url, logger);
  const id = randomUUID();
  const path = `/things/${id}`;
  assert.equal((await request(app).get(path).expect(200)).headers['x-cache'], 'MISS');
  assert.equal((await request(app).get(path).expect(200)).headers['x-cache'], 'HIT');

  await proxy.cut();
  for (let i = 0; i < 3; i += 1) {
    const res = await request(app).get(path).expect(200);
    assert.equal(res.headers['x-cache'], 'MISS');
    assert.deepEqual(res.body, { id, other, version: 0 });
  }
  assert.deepEqual(
    lines.map((line) => line.msg),
    ['redis unavailable'],
    'the outage is logged once, not with each request',
  );
});

test(
  'a stalled Redis holds a cached read up for no longer than the command timeout',
  STALL_TEST,
  async (t) => {
    const proxy = await startRedisProxy(t);
    const { app, redis, other } = await cachedApp(t, proxy.url, captureLogger().logger);
    const id = randomUUID();
    const path = `/things/${id}`;
    await request(app).get(path).expect(200);

    proxy.stall();
    const started = performance.now();
    const res = await request(app).get(path).expect(200);
    assert.equal(res.headers['x-cache'], 'MISS');
    assert.deepEqual(res.body, { id, other, version: 0 });
    assert.ok(
      performance.now() - started < ANSWERED_WITHIN_MS,
      'answered without waiting for Redis',
    );
    proxy.resume();
    assert.equal(await redis.ping(), 'PONG');
  },
);

test('invalidating without Redis logs the failure instead of failing the write', async (t) => {
  const proxy = await startRedisProxy(t);
  const { logger, lines } = captureLogger();
  const { things } = await cachedApp(t, proxy.url, logger);
  await proxy.cut();
  await things.invalidate(randomUUID());
  assert.ok(lines.some((line) => line.msg === 'things cache not invalidated'));
});
