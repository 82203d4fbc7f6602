import assert from 'node:assert/strict';
import { once } from 'node:events';
import { open, mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout } from 'node:timers/promises';
import { spawnServer } from './helpers.js';

// Child processes are the one thing tests wait on; the timeout bounds that wait.
const PROCESS_TIMEOUT = { timeout: 10_000 };

// Sends a POST without its body. "100 Continue" proves the server is handling the request, which
// stays in flight until the body is sent: the JSON parser waits for it before any route runs. The
// route is the JSON 404, which every feature set answers to anyone, signed in or not.
async function startRequest(port) {
  const req = request(`http://127.0.0.1:${port}/in-flight`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', expect: '100-continue' },
  });
  req.flushHeaders();
  await once(req, 'continue');
  return req;
}

test('SIGTERM lets in-flight requests finish, then exits 0', PROCESS_TIMEOUT, async (t) => {
  const server = spawnServer();
  t.after(() => server.child.kill('SIGKILL'));
  const { port } = await server.waitForLog('server listening');

  const health = await fetch(`http://127.0.0.1:${port}/health`);
  assert.equal(health.status, 200);
  assert.deepEqual(await health.json(), { status: 'ok' });

  const inFlight = await startRequest(port);
  server.child.kill('SIGTERM');
  await server.waitForLog('shutting down');
  await assert.rejects(fetch(`http://127.0.0.1:${port}/health`), 'no new connection is accepted');

  inFlight.end(JSON.stringify({ late: true }));
  const [response] = await once(inFlight, 'response');
  assert.equal(response.statusCode, 404);
  response.resume();

  await server.waitForLog('shutdown complete');
  assert.equal((await server.exited).code, 0);
});

test('responses sent once shutdown has begun say Connection: close', PROCESS_TIMEOUT, async (t) => {
  const server = spawnServer();
  t.after(() => server.child.kill('SIGKILL'));
  const { port } = await server.waitForLog('server listening');

  const inFlight = await startRequest(port);
  server.child.kill('SIGTERM');
  await server.waitForLog('shutting down');
  inFlight.end(JSON.stringify({ late: true }));
  const [response] = await once(inFlight, 'response');
  response.resume();
  assert.equal(response.headers.connection, 'close');
  assert.equal((await server.exited).code, 0);
});

test('shutdown logs reach a file in order, up to the last line', PROCESS_TIMEOUT, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'shutdown-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'server.log');
  const log = await open(path, 'w');
  const server = spawnServer({}, { stdout: log.fd });
  t.after(() => server.child.kill('SIGKILL'));
  await log.close();
  const messages = async () =>
    (await readFile(path, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line).msg);
  while (!(await messages()).includes('server listening')) await setTimeout(20);

  server.child.kill('SIGTERM');
  assert.equal((await server.exited).code, 0);
  assert.deepEqual((await messages()).slice(-2), ['shutting down', 'shutdown complete']);
});

test('a shutdown still waiting after SHUTDOWN_TIMEOUT_MS exits 1', PROCESS_TIMEOUT, async (t) => {
  const server = spawnServer({ SHUTDOWN_TIMEOUT_MS: '200' });
  t.after(() => server.child.kill('SIGKILL'));
  const { port } = await server.waitForLog('server listening');

  const stalled = await startRequest(port);
  stalled.on('error', () => {});
  server.child.kill('SIGTERM');
  await server.waitForLog('shutdown timed out');
  assert.equal((await server.exited).code, 1);
});

test('bad configuration stops start-up, listing every problem', PROCESS_TIMEOUT, async (t) => {
  const server = spawnServer({ PORT: 'eighty', NODE_ENV: 'staging', CORS_ORIGINS: 'not a url' });
  t.after(() => server.child.kill('SIGKILL'));
  const { code, signal, stderr } = await server.exited;
  assert.equal(code, 1, `ended by ${signal ?? `exit code ${code}`}: ${stderr}`);
  assert.match(stderr, /^Invalid configuration:\n/);
  assert.match(stderr, /- PORT: /);
  assert.match(stderr, /- NODE_ENV: /);
  assert.match(stderr, /- CORS_ORIGINS\.0: /);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
});
