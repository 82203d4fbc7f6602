import assert from 'node:assert/strict';
import { test } from 'node:test';
import express from 'express';
import request from 'supertest';
import { createHealthRouter } from '../src/routes/health.routes.js';
import { captureLogger, createTestApp } from './helpers.js';

test('GET /health answers ok', async () => {
  const res = await request(await createTestApp())
    .get('/health')
    .expect(200);
  assert.deepEqual(res.body, { status: 'ok' });
});

test('health probes skip logging, request ids, security headers and rate limits', async () => {
  const { logger, lines } = captureLogger();
  const app = await createTestApp({ logger, env: { RATE_LIMIT_MAX: '1' } });
  for (const path of ['/health', '/ready', '/health', '/ready']) {
    const res = await request(app).get(path).expect(200);
    assert.equal(res.headers['x-request-id'], undefined);
    assert.equal(res.headers['content-security-policy'], undefined);
    assert.equal(res.headers['ratelimit'], undefined);
    assert.equal(res.headers['x-powered-by'], undefined);
  }
  await request(app).get('/nowhere').expect(404);
  assert.deepEqual(
    lines.map((line) => line.req.url),
    ['/nowhere'],
  );
});

test('GET /ready is ready when every check passes', async () => {
  const checks = { database: async () => {}, cache: async () => 'PONG' };
  const res = await request(await createTestApp({ checks }))
    .get('/ready')
    .expect(200);
  assert.deepEqual(res.body, { status: 'ready', checks: { database: 'ok', cache: 'ok' } });
});

test('GET /ready is 503 and names the failing check', async () => {
  const checks = {
    database: async () => {},
    cache: async () => {
      throw new Error('connection refused');
    },
  };
  const res = await request(await createTestApp({ checks }))
    .get('/ready')
    .expect(503);
  assert.deepEqual(res.body, {
    status: 'unavailable',
    checks: { database: 'ok', cache: 'connection refused' },
  });
});

test('GET /ready fails a check that does not answer in time', async () => {
  const app = express();
  app.use(createHealthRouter({ checks: { stuck: () => new Promise(() => {}) }, timeoutMs: 20 }));
  const res = await request(app).get('/ready').expect(503);
  assert.deepEqual(res.body, { status: 'unavailable', checks: { stuck: 'timed out after 20 ms' } });
});
