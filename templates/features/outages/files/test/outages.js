import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

// The command timeout that tests of a stalled dependency configure: long enough that nothing times
// out on a busy machine while the dependency answers, short enough to keep those tests fast.
export const STALL_TIMEOUT_MS = 500;
// A request that gives up on a stalled dependency after STALL_TIMEOUT_MS answers well within this;
// one that waits for the dependency does not. Tests of a stall also time out after STALL_TEST.
export const ANSWERED_WITHIN_MS = 3000;
export const STALL_TEST = { timeout: 15_000 };

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

// Runs test/prepare.js, which `npm test` runs first, with `env` over the test's own environment;
// resolves with its exit code and what it wrote to stderr.
export function runTestPreparation(env) {
  const options = {
    cwd: new URL('..', import.meta.url),
    env: { ...process.env, ...env },
    timeout: 10_000,
  };
  return new Promise((resolve) => {
    execFile(process.execPath, ['test/prepare.js'], options, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stderr });
    });
  });
}
