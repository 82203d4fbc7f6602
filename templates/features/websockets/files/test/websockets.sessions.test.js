import assert from 'node:assert/strict';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import {
  openSocket,
  refusal,
  register,
  request,
  signInSession,
  startRealtimeService,
} from './websockets.helpers.js';
import { STALL_TEST, STALL_TIMEOUT_MS } from './outages.js';
import { startRedisProxy } from './redisProxy.js';

const service = await startRealtimeService();

test('a connection without a signed-in session is refused', async () => {
  await refusal(service.url);
  await refusal(service.url, { extraHeaders: { cookie: 'sid=s%3Aforged.signature' } });
});

test('the session cookie of a signed-in user connects, and messages carry the user id', async () => {
  const account = await register(service.url);
  const cookie = await signInSession(service.url, account);
  const alice = await openSocket(service.url, { extraHeaders: { cookie } });
  // Long-polling too: the session is read on the handshake request only.
  const bob = await openSocket(service.url, {
    transports: ['polling'],
    extraHeaders: { cookie: await signInSession(service.url, await register(service.url)) },
  });
  const room = `room-${randomUUID()}`;
  await request(alice, 'room:join', { room });
  await request(bob, 'room:join', { room });
  const received = once(bob, 'room:message');
  await request(alice, 'room:message', { room, text: 'from a session' });
  const [message] = await received;
  assert.equal(message.userId, account.user.id);
});

// Signs the session out with DELETE /api/v1/auth/session, as a browser would.
async function signOut(url, cookie) {
  const csrf = await fetch(new URL('/api/v1/auth/csrf', url), { headers: { cookie } });
  const { csrfToken } = await csrf.json();
  const res = await fetch(new URL('/api/v1/auth/session', url), {
    method: 'DELETE',
    headers: { cookie, 'x-csrf-token': csrfToken },
  });
  assert.equal(res.status, 204);
}

test('after signing out, the session cookie no longer connects', async () => {
  const cookie = await signInSession(service.url, await register(service.url));
  await signOut(service.url, cookie);
  await refusal(service.url, { extraHeaders: { cookie } });
});

test(
  'signing out closes the connections opened with the session, on every instance',
  { timeout: 10_000 },
  async () => {
    // A second instance sharing Redis and the accounts, as behind a load balancer.
    const { accounts, usersRepository } = service.dependencies;
    const other = await startRealtimeService({ accounts, usersRepository });
    const cookie = await signInSession(service.url, await register(service.url));
    const here = await openSocket(service.url, { extraHeaders: { cookie } });
    const there = await openSocket(other.url, { extraHeaders: { cookie } });
    const someoneElse = await openSocket(other.url, {
      extraHeaders: { cookie: await signInSession(other.url, await register(other.url)) },
    });
    const closed = [once(here, 'disconnect'), once(there, 'disconnect')];
    await signOut(service.url, cookie);
    await Promise.all(closed);
    const room = `room-${randomUUID()}`;
    assert.deepEqual(await request(someoneElse, 'room:join', { room }), { ok: true, room });
  },
);

test('signing in again closes the connections opened with the session it replaces', async () => {
  const account = await register(service.url);
  const cookie = await signInSession(service.url, account);
  const socket = await openSocket(service.url, { extraHeaders: { cookie } });
  const closed = once(socket, 'disconnect');
  const csrf = await fetch(new URL('/api/v1/auth/csrf', service.url), { headers: { cookie } });
  const res = await fetch(new URL('/api/v1/auth/session', service.url), {
    method: 'POST',
    headers: {
      cookie,
      'content-type': 'application/json',
      'x-csrf-token': (await csrf.json()).csrfToken,
    },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  assert.equal(res.status, 200);
  const [reason] = await closed;
  assert.equal(reason, 'io server disconnect');
  const renewed = res.headers.getSetCookie()[0].split(';')[0];
  (await openSocket(service.url, { extraHeaders: { cookie: renewed } })).disconnect();
});

test('a session whose account was deleted no longer connects', async () => {
  const account = await register(service.url);
  const cookie = await signInSession(service.url, account);
  await service.dependencies.usersRepository.remove(account.user.id);
  await refusal(service.url, { extraHeaders: { cookie } });
});

test('a connection is closed when its session expires', async () => {
  const shortLived = await startRealtimeService({ env: { SESSION_TTL: '2s' } });
  const cookie = await signInSession(shortLived.url, await register(shortLived.url));
  const socket = await openSocket(shortLived.url, { extraHeaders: { cookie } });
  const [reason] = await once(socket, 'disconnect');
  assert.equal(reason, 'io server disconnect');
});

test(
  'while Redis does not answer, a session connection is refused as unavailable',
  STALL_TEST,
  async (t) => {
    const proxy = await startRedisProxy(t);
    const env = { REDIS_URL: proxy.url, REDIS_COMMAND_TIMEOUT_MS: String(STALL_TIMEOUT_MS) };
    const stalling = await startRealtimeService({ env });
    const cookie = await signInSession(stalling.url, await register(stalling.url));

    proxy.stall();
    const error = await openSocket(stalling.url, { extraHeaders: { cookie } }).then(
      () => assert.fail('the connection was accepted'),
      (refused) => refused,
    );
    assert.deepEqual(error.data, { code: 'SERVICE_UNAVAILABLE' });
    proxy.resume();
    const socket = await openSocket(stalling.url, { extraHeaders: { cookie } });
    socket.disconnect();
    // While its Redis still answers: the proxy is cut when the test ends.
    await stalling.realtime.close();
  },
);
