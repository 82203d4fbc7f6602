import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { after, test } from 'node:test';
import { serverAudits } from 'graphql-http';
import { createTestApp } from './helpers.js';

// The GraphQL-over-HTTP conformance audits of graphql-http, run against /graphql on a listening
// server behind the whole middleware chain (request ids, helmet, CORS, compression, rate limit,
// the JSON parser), as clients reach it.
const server = createServer(await createTestApp({ env: { RATE_LIMIT_MAX: '1000' } }));
server.listen(0, '127.0.0.1');
await once(server, 'listening');
after(() => {
  server.closeAllConnections();
  server.close();
});

const audits = serverAudits({ url: `http://127.0.0.1:${server.address().port}/graphql` });

test('the audit suite is complete', () => {
  assert.ok(audits.length >= 60, `${audits.length} audits`);
});

for (const audit of audits) {
  test(audit.name, async () => {
    const result = await audit.fn();
    assert.equal(result.status, 'ok', result.reason);
  });
}
