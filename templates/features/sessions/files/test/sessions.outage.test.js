import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import request from 'supertest';
import { createTestApp, dependenciesOf } from './helpers.js';
import { ANSWERED_WITHIN_MS, STALL_TEST, STALL_TIMEOUT_MS } from './outages.js';
import { startRedisProxy } from './redisProxy.js';

// A signed-in agent of an app whose Redis is behind `proxy`, waiting at most STALL_TIMEOUT_MS.
async function signedInBehind(proxy) {
  const env = { REDIS_URL: proxy.url, REDIS_COMMAND_TIMEOUT_MS: String(STALL_TIMEOUT_MS) };
  const app = await createTestApp({ env });
  const credentials = { email: `outage-${randomUUID()}@example.com`, password: randomUUID() };
  await dependenciesOf(app).accounts.register({ ...credentials, name: 'Outage' });
  const agent = request.agent(app);
  await agent.post('/api/v1/auth/session').send(credentials).expect(200);
  await agent.get('/api/v1/me').expect(200);
  return agent;
}

function assertUnavailable(res) {
  assert.equal(res.status, 503);
  assert.equal(res.headers['retry-after'], '5');
  assert.equal(res.body.error.code, 'SERVICE_UNAVAILABLE');
  assert.doesNotMatch(JSON.stringify(res.body), /redis|ECONN|socket|within/i);
}

test(
  'a session request is 503 soon after Redis stalls, and served once it answers',
  STALL_TEST,
  async (t) => {
    const proxy = await startRedisProxy(t);
    const agent = await signedInBehind(proxy);

    proxy.stall();
    const started = performance.now();
    assertUnavailable(await agent.get('/api/v1/me'));
    assert.ok(
      performance.now() - started < ANSWERED_WITHIN_MS,
      'answered without waiting for Redis',
    );

    proxy.resume();
    await agent.get('/api/v1/me').expect(200);
  },
);

test('a session request is 503 while Redis is down', async (t) => {
  const proxy = await startRedisProxy(t);
  const agent = await signedInBehind(proxy);

  await proxy.cut();
  assertUnavailable(await agent.get('/api/v1/me'));
});
