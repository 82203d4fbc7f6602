import assert from 'node:assert/strict';
import { test } from 'node:test';
import request from 'supertest';
import { createRedisClient } from '../src/redis/client.js';
import {
  captureLogger,
  createTestApp,
  createTestDependencies,
  dependenciesOf,
  spawnServer,
} from './helpers.js';
import { closedPort, eventually } from './outages.js';
import { startRedisProxy } from './redisProxy.js';

const PROCESS_TIMEOUT = { timeout: 15_000 };

test('GET /ready checks Redis with PING', async () => {
  const res = await request(await createTestApp())
    .get('/ready')
    .expect(200);
  assert.equal(res.body.checks.redis, 'ok');
});

test('GET /ready is 503 naming redis while Redis is unreachable, and recovers', async (t) => {
  const proxy = await startRedisProxy(t);
  const app = await createTestApp({ env: { REDIS_URL: proxy.url } });
  await request(app).get('/ready').expect(200);

  await proxy.cut();
  const res = await request(app).get('/ready').expect(503);
  assert.equal(res.body.status, 'unavailable');
  assert.notEqual(res.body.checks.redis, 'ok');
  assert.equal(typeof res.body.checks.redis, 'string');

  await proxy.restore();
  await eventually(async () => (await request(app).get('/ready')).status === 200, 'readiness');
});

test('an outage is logged once, and so is the recovery', async (t) => {
  const proxy = await startRedisProxy(t);
  const { logger, lines } = captureLogger();
  const redis = await createRedisClient({ url: proxy.url, logger });
  t.after(() => redis.isOpen && redis.close());

  await proxy.cut();
  // Commands fail at once rather than wait in a queue for the connection to come back.
  await assert.rejects(redis.ping());
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.deepEqual(
    lines.map((line) => [line.level, line.msg]),
    [[50, 'redis connection failed, reconnecting']],
  );

  await proxy.restore();
  await eventually(() => redis.isReady, 'the reconnection');
  assert.equal(await redis.ping(), 'PONG');
  assert.deepEqual(lines.at(-1).msg, 'redis connection restored');
  assert.equal(lines.length, 2);
});

test('start-up fails, rather than hangs, when Redis cannot be reached', async () => {
  const url = `redis://127.0.0.1:${await closedPort()}`;
  const started = Date.now();
  await assert.rejects(createTestDependencies({ REDIS_URL: url }), {
    message: /^Redis at 127\.0\.0\.1:\d+ cannot be reached: .*ECONNREFUSED/,
  });
  assert.ok(Date.now() - started < 5000, 'gives up after a few attempts');
});

test('the server exits 1 when Redis cannot be reached at start-up', PROCESS_TIMEOUT, async (t) => {
  const server = spawnServer({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}` });
  t.after(() => server.child.kill('SIGKILL'));
  const { code, stderr } = await server.exited;
  assert.equal(code, 1);
  assert.match(stderr, /^Start-up failed: Redis at 127\.0\.0\.1:\d+ cannot be reached: /);
});

test('closing the dependencies closes the Redis client', async () => {
  const dependencies = await createTestDependencies();
  assert.equal(dependencies.redis.isReady, true);
  await dependencies.close();
  assert.equal(dependencies.redis.isOpen, false);
});

test('two instances count the global rate limit together in Redis', async () => {
  const env = { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000', TRUST_PROXY: '1' };
  const first = await createTestApp({ env });
  const second = await createTestApp({ env });
  const client = '198.51.100.7';
  const get = (app) => request(app).get('/nowhere').set('X-Forwarded-For', client);

  await get(first).expect(404);
  await get(second).expect(404);
  await get(first).expect(404);
  const res = await get(second).expect(429);
  assert.equal(res.body.error.code, 'RATE_LIMITED');

  const { redis, config } = dependenciesOf(first);
  const key = `${config.redisKeyPrefix}rl:global:${client}`;
  assert.equal(await redis.get(key), '4');
  const ttl = await redis.pTTL(key);
  assert.ok(ttl > 0 && ttl <= 60_000, `the counter expires with the window (${ttl} ms)`);
});
