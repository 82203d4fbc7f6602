import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adminAgent, createTestApp } from './helpers.js';
import { eventually } from './outages.js';
import { startTcpProxy } from './tcpProxy.js';
import { testDatabaseUrl } from './testDatabase.js';

// An app whose PostgreSQL is behind a proxy the test can cut, with an agent that may list users.
async function appBehindProxy(t) {
  const proxy = await startTcpProxy(t, testDatabaseUrl());
  const app = await createTestApp({ env: { DATABASE_URL: proxy.url } });
  return { proxy, agent: await adminAgent(app) };
}

test('while PostgreSQL is down the API answers 503 SERVICE_UNAVAILABLE', async (t) => {
  const { proxy, agent } = await appBehindProxy(t);
  await agent.get('/api/v1/users').expect(200);

  await proxy.cut();
  const res = await agent.get('/api/v1/users').expect(503);
  assert.equal(res.headers['retry-after'], '5');
  assert.equal(res.body.error.code, 'SERVICE_UNAVAILABLE');
  assert.doesNotMatch(JSON.stringify(res.body), /ECONN|connect|terminated|postgres/i);

  await proxy.restore();
  await eventually(async () => (await agent.get('/api/v1/users')).status === 200, 'recovery');
});
