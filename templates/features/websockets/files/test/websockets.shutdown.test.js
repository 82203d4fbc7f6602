import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { createTestDependencies, spawnServer } from './helpers.js';
import { connect } from './websockets.helpers.js';

// A child process is the one thing this test waits on; the timeout bounds that wait.
const PROCESS_TIMEOUT = { timeout: 10_000 };

test('SIGTERM closes open sockets and exits 0', PROCESS_TIMEOUT, async (t) => {
  // A socket that held the server open would make shutdown time out and exit 1.
  const server = spawnServer({ SHUTDOWN_TIMEOUT_MS: '5000' });
  t.after(() => server.child.kill('SIGKILL'));
  const { port } = await server.waitForLog('server listening');
  const url = `http://127.0.0.1:${port}`;
  const service = { url, dependencies: await createTestDependencies() };
  // An upgraded WebSocket, and a long-polling client whose pending request is always in flight.
  const polling = { transports: ['polling'] };
  const sockets = await Promise.all([connect(service), connect(service, polling)]);
  const disconnected = sockets.map((socket) => once(socket, 'disconnect'));

  server.child.kill('SIGTERM');
  await Promise.all(disconnected);
  await server.waitForLog('shutdown complete');
  assert.equal((await server.exited).code, 0);
});
