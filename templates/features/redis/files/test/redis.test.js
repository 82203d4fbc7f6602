import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout } from 'node:timers/promises';
import request from 'supertest';
import { createOutageLog } from '../src/outages/outageLog.js';
import { createRedisClient } from '../src/redis/client.js';
import { BatchedRedisStore } from '../src/redis/rateLimitStore.js';
import {
  captureLogger,
  createTestApp,
  createTestDependencies,
  dependenciesOf,
  spawnServer,
} from './helpers.js';
import {
  ANSWERED_WITHIN_MS,
  STALL_TEST,
  STALL_TIMEOUT_MS,
  closedPort,
  eventually,
  runTestPreparation,
} from './outages.js';
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

// A client behind `proxy`, as the service makes it, logging to `logger`.
async function clientBehind(t, proxy, logger, commandTimeoutMs = 1000) {
  const outage = createOutageLog({ dependency: 'redis', logger });
  const redis = await createRedisClient({ url: proxy.url, commandTimeoutMs, outage });
  t.after(() => redis.isOpen && redis.close());
  return redis;
}

test('an outage is logged once, and so is the recovery', async (t) => {
  const proxy = await startRedisProxy(t);
  const { logger, lines } = captureLogger();
  const redis = await clientBehind(t, proxy, logger);

  await proxy.cut();
  // Commands fail at once rather than wait in a queue for the connection to come back.
  await assert.rejects(redis.ping(), { code: 'SERVICE_UNAVAILABLE' });
  await setTimeout(500);
  assert.deepEqual(
    lines.map((line) => [line.level, line.msg]),
    [[50, 'redis unavailable']],
  );

  await proxy.restore();
  await eventually(() => redis.isReady, 'the reconnection');
  assert.equal(await redis.ping(), 'PONG');
  assert.deepEqual(lines.at(-1).msg, 'redis available again');
  assert.equal(lines.length, 2);
});

test(
  'a stalled Redis fails commands after the command timeout, logged once',
  STALL_TEST,
  async (t) => {
    const proxy = await startRedisProxy(t);
    const { logger, lines } = captureLogger();
    const redis = await clientBehind(t, proxy, logger, STALL_TIMEOUT_MS);

    proxy.stall();
    const started = performance.now();
    await assert.rejects(redis.get('any'), (error) => {
      assert.equal(error.code, 'SERVICE_UNAVAILABLE');
      assert.equal(error.cause.message, `Redis did not answer within ${STALL_TIMEOUT_MS} ms`);
      return true;
    });
    await assert.rejects(redis.multi().get('any').exec(), { code: 'SERVICE_UNAVAILABLE' });
    assert.ok(
      performance.now() - started < ANSWERED_WITHIN_MS,
      'each command gave up after its timeout',
    );

    proxy.resume();
    assert.equal(await redis.ping(), 'PONG');
    assert.deepEqual(
      lines.map((line) => line.msg),
      ['redis unavailable', 'redis available again'],
    );
  },
);

test('Redis error replies are not outages', async (t) => {
  const proxy = await startRedisProxy(t);
  const redis = await clientBehind(t, proxy, captureLogger().logger);
  const key = `test:${crypto.randomUUID()}`;
  await redis.set(key, 'text', { EX: 60 });
  await assert.rejects(redis.hGet(key, 'field'), { message: /^WRONGTYPE/ });
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
  const { code, signal, stderr } = await server.exited;
  assert.equal(code, 1, `ended by ${signal ?? `exit code ${code}`}: ${stderr}`);
  assert.match(stderr, /^Start-up failed: Redis at 127\.0\.0\.1:\d+ cannot be reached: /);
});

test(
  'a stalled Redis holds no request up: the rate limit lets it through',
  STALL_TEST,
  async (t) => {
    const proxy = await startRedisProxy(t);
    const app = await createTestApp({
      env: {
        REDIS_URL: proxy.url,
        REDIS_COMMAND_TIMEOUT_MS: String(STALL_TIMEOUT_MS),
        RATE_LIMIT_MAX: '3',
      },
    });
    proxy.stall();
    for (let i = 0; i < 4; i += 1) {
      const started = performance.now();
      await request(app).get('/nowhere').expect(404);
      assert.ok(
        performance.now() - started < ANSWERED_WITHIN_MS,
        'answered without waiting for Redis',
      );
    }
    proxy.resume();
    await request(app).get('/ready').expect(200);
  },
);

test('a service whose Redis stalls logs the outage once, as JSON', PROCESS_TIMEOUT, async (t) => {
  const proxy = await startRedisProxy(t);
  const server = spawnServer({
    REDIS_URL: proxy.url,
    REDIS_COMMAND_TIMEOUT_MS: String(STALL_TIMEOUT_MS),
  });
  t.after(() => server.child.kill('SIGKILL'));
  const { port } = await server.waitForLog('server listening');
  const get = (path) => fetch(`http://127.0.0.1:${port}${path}`);

  proxy.stall();
  for (let i = 0; i < 5; i += 1) assert.equal((await get('/nowhere')).status, 404);
  proxy.resume();
  assert.equal((await get('/nowhere')).status, 404);
  assert.equal((await get('/ready')).status, 200);

  server.child.kill('SIGTERM');
  await server.waitForLog('shutdown complete');
  const { stderr } = await server.exited;
  assert.equal(stderr, '', 'nothing but JSON lines on stdout');
  const outage = server.logs.filter((line) => line.dependency === 'redis');
  assert.deepEqual(
    outage.map((line) => line.msg),
    ['redis unavailable', 'redis available again'],
  );
});

test(
  'a service shuts down while its Redis stalls, without waiting for the stalled commands',
  PROCESS_TIMEOUT,
  async (t) => {
    const proxy = await startRedisProxy(t);
    const server = spawnServer({
      REDIS_URL: proxy.url,
      REDIS_COMMAND_TIMEOUT_MS: String(STALL_TIMEOUT_MS),
      SHUTDOWN_TIMEOUT_MS: '10000',
    });
    t.after(() => server.child.kill('SIGKILL'));
    const { port } = await server.waitForLog('server listening');

    proxy.stall();
    // The rate limit gives up on its command, which stays pending on the stalled connection.
    assert.equal((await fetch(`http://127.0.0.1:${port}/nowhere`)).status, 404);
    const started = performance.now();
    server.child.kill('SIGTERM');
    await server.waitForLog('shutdown complete');
    assert.equal((await server.exited).code, 0);
    assert.ok(performance.now() - started < ANSWERED_WITHIN_MS, 'without the shutdown timeout');
  },
);

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
  const { redis, config } = dependenciesOf(first);
  const key = `${config.redisKeyPrefix}rl:global:${client}`;

  // The first hit is counted in Redis before it is answered, the next ones in memory, and those
  // reach Redis in a batch shortly after.
  await get(first).expect(404);
  assert.equal(await redis.get(key), '1');
  await get(first).expect(404);
  await get(first).expect(404);
  await eventually(async () => (await redis.get(key)) === '3', 'the batch to reach Redis');

  // The other instance counts its first hit of the window on top of them, and refuses it.
  const res = await get(second).expect(429);
  assert.equal(res.body.error.code, 'RATE_LIMITED');
  assert.equal(await redis.get(key), '4');
  const ttl = await redis.pTTL(key);
  assert.ok(ttl > 0 && ttl <= 60_000, `the counter expires with the window (${ttl} ms)`);
  // The first instance learns of it when its next hit reaches Redis.
  await get(first).expect(429);
  await eventually(async () => (await redis.get(key)) === '5', 'the refused hit to reach Redis');
});

test('a batched limiter forgets the clients whose windows are over', async () => {
  const { redis, config } = await createTestDependencies();
  const store = new BatchedRedisStore({
    redis,
    prefix: `${config.redisKeyPrefix}rl:batched-test:`,
    syncIntervalMs: 10,
  });
  store.init({ windowMs: 50 });
  // A scan from many addresses, each coming once.
  await Promise.all(Array.from({ length: 100 }, (_, i) => store.increment(`198.51.100.${i}`)));
  assert.equal(store.clients, 100);

  await setTimeout(60);
  // The next hit's sync drops the counters of the windows that are over.
  await store.increment('203.0.113.12');
  await eventually(async () => store.clients === 1, 'the ended windows to be dropped');
});

test('a limiter that guards sign-in counts every attempt in Redis before it answers', async () => {
  const { createRateLimitStore, redis, config } = await createTestDependencies();
  const store = createRateLimitStore('login-test');
  await store.init({ windowMs: 60_000 });
  const client = '203.0.113.9';
  const key = `${config.redisKeyPrefix}rl:login-test:${client}`;
  assert.equal((await store.increment(client)).totalHits, 1);
  assert.equal(await redis.get(key), '1');
  assert.equal((await store.increment(client)).totalHits, 2);
  assert.equal(await redis.get(key), '2');
});

test('a sign-in limiter takes a hit back only from a counter still counting', async () => {
  const { createRateLimitStore, redis, config } = await createTestDependencies();
  const store = createRateLimitStore('login-take-back');
  await store.init({ windowMs: 60_000 });
  const client = '203.0.113.13';
  const key = `${config.redisKeyPrefix}rl:login-take-back:${client}`;

  // A successful sign-in whose attempt Redis did not count (its window is over, or Redis was
  // down) leaves no counter behind, rather than one that never expires.
  await store.decrement(client);
  assert.equal(await redis.exists(key), 0);

  await store.increment(client);
  await store.decrement(client);
  assert.equal(await redis.get(key), '0');
  assert.ok((await redis.pTTL(key)) > 0, 'the counter still expires with its window');
});

test('while Redis is down, a limiter that guards sign-in counts in memory', async (t) => {
  const proxy = await startRedisProxy(t);
  const app = await createTestApp({ env: { REDIS_URL: proxy.url } });
  const { createRateLimitStore, redis, config } = dependenciesOf(app);
  const store = createRateLimitStore('login-outage');
  await store.init({ windowMs: 60_000 });
  t.after(() => store.shutdown());
  const client = '203.0.113.10';
  const key = `${config.redisKeyPrefix}rl:login-outage:${client}`;
  assert.equal((await store.increment(client)).totalHits, 1);

  await proxy.cut();
  assert.equal((await store.increment(client)).totalHits, 1);
  assert.equal((await store.increment(client)).totalHits, 2);

  await proxy.restore();
  await eventually(async () => (await redis.ping().catch(() => '')) === 'PONG', 'Redis again');
  // Back in Redis, where the count went on from where it was before the outage.
  assert.equal((await store.increment(client)).totalHits, 2);
  assert.equal(await redis.get(key), '2');
});

test('a sign-in attempt counted in memory during an outage is taken back there', async (t) => {
  const proxy = await startRedisProxy(t);
  const app = await createTestApp({ env: { REDIS_URL: proxy.url } });
  const { createRateLimitStore, redis, config } = dependenciesOf(app);
  const store = createRateLimitStore('login-take-back-outage');
  await store.init({ windowMs: 60_000 });
  t.after(() => store.shutdown());
  const client = '203.0.113.14';
  const key = `${config.redisKeyPrefix}rl:login-take-back-outage:${client}`;
  await store.increment(client);
  await store.increment(client);

  await proxy.cut();
  assert.equal((await store.increment(client)).totalHits, 1);

  await proxy.restore();
  await eventually(async () => (await redis.ping().catch(() => '')) === 'PONG', 'Redis again');
  // That attempt succeeded after Redis came back: the two attempts Redis counted before the
  // outage still count.
  await store.decrement(client);
  assert.equal(await redis.get(key), '2');
  assert.equal((await store.increment(client)).totalHits, 3);
});

test('a limiter built while Redis is down counts in memory until Redis answers', async (t) => {
  const proxy = await startRedisProxy(t);
  const app = await createTestApp({ env: { REDIS_URL: proxy.url } });
  const { createRateLimitStore, redis, config } = dependenciesOf(app);
  const client = '203.0.113.11';
  const key = `${config.redisKeyPrefix}rl:login-built-in-outage:${client}`;

  await proxy.cut();
  const store = createRateLimitStore('login-built-in-outage');
  t.after(() => store.shutdown());
  await store.init({ windowMs: 60_000 });
  assert.equal((await store.increment(client)).totalHits, 1);
  assert.equal((await store.increment(client)).totalHits, 2);

  await proxy.restore();
  await eventually(async () => (await redis.ping().catch(() => '')) === 'PONG', 'Redis again');
  // The scripts that could not be loaded as the limiter was built are loaded with this hit.
  assert.equal((await store.increment(client)).totalHits, 1);
  assert.equal(await redis.get(key), '1');
});

test('npm test stops at once, in one line naming what to start, without Redis', async () => {
  const { code, stderr } = await runTestPreparation({
    REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
  });
  assert.equal(code, 1);
  assert.match(
    stderr,
    /^Redis does not answer at 127\.0\.0\.1:\d+ \(.*ECONNREFUSED.*\): start it with `docker compose up -d --wait redis`, or set REDIS_URL\n$/,
  );
});
