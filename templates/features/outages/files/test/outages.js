import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';

// A local port that nothing listens on, for a server that is down from the start.
export async function closedPort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Resolves once condition() holds, checking every 50 ms; fails the test after 5 s.
export async function eventually(condition, what) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
}
