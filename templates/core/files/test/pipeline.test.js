import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import request from 'supertest';
import { adminAgent, captureLogger, createTestApp } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const failingRepository = {
  list: async () => {
    throw new Error('database exploded');
  },
};

function assertCommonHeaders(res) {
  assert.match(res.headers['x-request-id'], UUID);
  assert.equal(res.headers['x-powered-by'], undefined);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.equal(res.headers['x-frame-options'], 'DENY');
  assert.equal(res.headers['content-security-policy'], "default-src 'none';frame-ancestors 'none'");
  assert.match(res.headers['strict-transport-security'], /max-age=\d+/);
}

test('a successful response carries a request id and security headers', async () => {
  const res = await (await adminAgent(await createTestApp())).get('/api/v1/users').expect(200);
  assertCommonHeaders(res);
});

test('a 404 carries a request id and security headers', async () => {
  const res = await request(await createTestApp())
    .get('/nowhere')
    .expect(404);
  assertCommonHeaders(res);
});

test('a 500 carries a request id and security headers', async () => {
  const app = await createTestApp({ usersRepository: failingRepository });
  const res = await (await adminAgent(app)).get('/api/v1/users').expect(500);
  assertCommonHeaders(res);
});

test('a valid incoming X-Request-Id is kept', async () => {
  const res = await (
    await adminAgent(await createTestApp())
  )
    .get('/api/v1/users')
    .set('X-Request-Id', 'edge-01:trace.42')
    .expect(200);
  assert.equal(res.headers['x-request-id'], 'edge-01:trace.42');
});

test('an invalid incoming X-Request-Id is replaced', async () => {
  for (const incoming of ['has spaces', '<script>', 'x'.repeat(129)]) {
    const res = await (
      await adminAgent(await createTestApp())
    )
      .get('/api/v1/users')
      .set('X-Request-Id', incoming)
      .expect(200);
    assert.match(res.headers['x-request-id'], UUID);
  }
});

test('requests are logged as JSON with their request id and no headers', async () => {
  const { logger, lines } = captureLogger();
  await request(await createTestApp({ logger }))
    .get('/nowhere?page=1')
    .set('X-Request-Id', 'trace-1')
    .set('Cookie', 'token=secret')
    .expect(404);
  assert.equal(lines.length, 1);
  assert.deepEqual(lines[0].req, { id: 'trace-1', method: 'GET', url: '/nowhere?page=1' });
  assert.deepEqual(lines[0].res, { statusCode: 404 });
  assert.equal(typeof lines[0].responseTime, 'number');
  assert.doesNotMatch(JSON.stringify(lines[0]), /secret/);
});

test('client errors are logged as warnings, server errors as errors', async () => {
  const { logger, lines } = captureLogger();
  const app = await createTestApp({ logger, usersRepository: failingRepository });
  const agent = await adminAgent(app);
  lines.length = 0;
  await agent.get('/nowhere').expect(404);
  await agent.get('/api/v1/users').expect(500);
  assert.deepEqual(
    lines.map((line) => [line.level, line.res.statusCode]),
    [
      [40, 404],
      [50, 500],
    ],
  );
});

test('an allow-listed origin gets CORS headers', async () => {
  const app = await createTestApp({
    env: { CORS_ORIGINS: 'https://app.example.com, https://admin.example.com' },
  });
  const res = await request(app)
    .get('/nowhere')
    .set('Origin', 'https://admin.example.com')
    .expect(404);
  assert.equal(res.headers['access-control-allow-origin'], 'https://admin.example.com');
  const preflight = await request(app)
    .options('/api/v1/users')
    .set('Origin', 'https://app.example.com')
    .set('Access-Control-Request-Method', 'POST')
    .expect(204);
  assert.equal(preflight.headers['access-control-allow-origin'], 'https://app.example.com');
  assert.match(preflight.headers['access-control-allow-methods'], /POST/);
});

test('an origin not on the allow-list gets no CORS headers', async () => {
  for (const env of [{}, { CORS_ORIGINS: 'https://app.example.com' }]) {
    const res = await request(await createTestApp({ env }))
      .get('/nowhere')
      .set('Origin', 'https://evil.example.com')
      .expect(404);
    assert.equal(res.headers['access-control-allow-origin'], undefined);
  }
});

test('the global rate limit answers 429 with RateLimit and Retry-After headers', async () => {
  const app = await createTestApp({
    env: { RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_MS: '60000', TRUST_PROXY: '1' },
  });
  // A client address of its own: where counters are shared (in Redis), every app this test
  // process builds counts requests from 127.0.0.1 together.
  const get = () => request(app).get('/nowhere').set('X-Forwarded-For', '203.0.113.20');
  await get().expect(404);
  await get().expect(404);
  const res = await get().expect(429);
  assert.equal(res.body.error.code, 'RATE_LIMITED');
  assert.equal(typeof res.body.error.message, 'string');
  assert.match(res.headers['ratelimit'], /r=0/);
  assert.match(res.headers['ratelimit-policy'], /q=2; w=60/);
  assert.ok(Number(res.headers['retry-after']) > 0);
  assertCommonHeaders(res);
  await request(app).get('/health').expect(200);
});

test('a failing rate-limit store lets requests through and logs as JSON', async (t) => {
  const { logger, lines } = captureLogger();
  const consoleError = t.mock.method(console, 'error', () => {});
  const failingStore = {
    increment: async () => {
      throw new Error('store exploded');
    },
    decrement: async () => {},
    resetKey: async () => {},
  };
  const app = await createTestApp({ logger, createRateLimitStore: () => failingStore });
  await request(app).get('/nowhere').expect(404);
  assert.equal(consoleError.mock.callCount(), 0, 'nothing written to the console');
  const failure = lines.find((line) => line.err?.message === 'store exploded');
  assert.equal(failure.level, 50);
  assert.match(failure.msg, /allowing request without rate-limiting/);
});

test('responses are compressed when the client accepts it', async () => {
  const createdAt = new Date(0).toISOString();
  const user = (i) => ({
    id: randomUUID(),
    email: `user${i}@example.com`,
    name: 'x'.repeat(40),
    role: 'user',
    createdAt,
    updatedAt: createdAt,
  });
  const usersRepository = {
    list: async () => ({ data: Array.from({ length: 50 }, (_, i) => user(i)), total: 50 }),
  };
  const app = await createTestApp({ usersRepository });
  const res = await (
    await adminAgent(app)
  )
    .get('/api/v1/users')
    .set('Accept-Encoding', 'gzip')
    .expect(200);
  assert.equal(res.headers['content-encoding'], 'gzip');
  assert.equal(res.body.data.length, 50);
});

test('not-found is the last route and the error handler is registered after it', async () => {
  const layers = (await createTestApp()).router.stack;
  const [notFound, errorHandler] = layers.slice(-2);
  assert.equal(notFound.name, 'routeNotFound');
  assert.equal(errorHandler.name, 'handleError');
  assert.equal(errorHandler.handle.length, 4, 'an error handler takes (err, req, res, next)');
  assert.equal(layers.filter((layer) => layer.handle.length === 4).length, 1);
});
