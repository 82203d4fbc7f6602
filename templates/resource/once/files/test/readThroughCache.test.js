import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import express from 'express';
import request from 'supertest';
import { readThroughCaches } from '../src/cache/readThroughCache.js';
import { createOutageLog } from '../src/outages/outageLog.js';
import { createRedisClient } from '../src/redis/client.js';
import { captureLogger } from './helpers.js';
import { STALL_TIMEOUT_MS } from './outages.js';
import { startRedisProxy } from './redisProxy.js';

// The caches on their own, in front of handlers standing in for a resource's routes.
async function cachedApp(t, url) {
  const { logger, lines } = captureLogger();
  const outage = createOutageLog({ dependency: 'redis', logger });
  const redis = await createRedisClient({ url, commandTimeoutMs: STALL_TIMEOUT_MS, outage });
  t.after(() => redis.close());
  const createCache = readThroughCaches({
    redis,
    keyPrefix: `test:${randomUUID()}:`,
    ttlSeconds: 60,
    logger,
  });
  const app = express();
  let version = 0;
  const things = createCache('things');
  app.use('/things/:id', things.readThrough());
  app.get('/things/:id', (req, res) => res.json({ id: req.params.id, version }));
  app.patch('/things/:id', (req, res) => res.json({ version: ++version }));
  app.get('/others/:id', createCache('others').readThrough(), (req, res) => res.json({ version }));
  return { app, things, lines };
}

test('each resource has entries of its own, invalidated by its writes', async (t) => {
  const { app } = await cachedApp(t, process.env.REDIS_URL ?? 'redis://localhost:6379');
  const id = randomUUID();
  assert.equal((await request(app).get(`/things/${id}`)).headers['x-cache'], 'MISS');
  assert.equal((await request(app).get(`/things/${id}`)).headers['x-cache'], 'HIT');
  assert.equal((await request(app).get(`/others/${id}`)).headers['x-cache'], 'MISS');
  await request(app).patch(`/things/${id}`).expect(200);
  const fresh = await request(app).get(`/things/${id}`);
  assert.equal(fresh.headers['x-cache'], 'MISS');
  assert.equal(fresh.body.version, 1);
});

test('without Redis the cache steps aside and the handler answers', async (t) => {
  const proxy = await startRedisProxy(t);
  const { app, lines } = await cachedApp(t, proxy.url);
  const path = `/things/${randomUUID()}`;
  assert.equal((await request(app).get(path).expect(200)).headers['x-cache'], 'MISS');
  assert.equal((await request(app).get(path).expect(200)).headers['x-cache'], 'HIT');

  await proxy.cut();
  for (let i = 0; i < 3; i += 1) {
    const res = await request(app).get(path).expect(200);
    assert.equal(res.headers['x-cache'], 'MISS');
    assert.deepEqual(res.body, { id: path.split('/')[2], version: 0 });
  }
  assert.deepEqual(
    lines.map((line) => line.msg),
    ['redis unavailable'],
    'the outage is logged once, not with each request',
  );
});

test('invalidating without Redis logs the failure instead of failing the write', async (t) => {
  const proxy = await startRedisProxy(t);
  const { things, lines } = await cachedApp(t, proxy.url);
  await proxy.cut();
  await things.invalidate(randomUUID());
  assert.ok(lines.some((line) => line.msg === 'things cache not invalidated'));
});
