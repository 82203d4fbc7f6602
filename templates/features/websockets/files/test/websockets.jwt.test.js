import assert from 'node:assert/strict';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { createTestDependencies } from './helpers.js';
import {
  logIn,
  logOut,
  openSocket,
  refusal,
  register,
  request,
  startRealtimeService,
} from './websockets.helpers.js';

const service = await startRealtimeService();

test('a connection without a token is refused', async () => {
  assert.equal(await refusal(service.url), 'Sign in to continue');
  assert.equal(await refusal(service.url, { auth: {} }), 'Sign in to continue');
});

test('a connection with an invalid token is refused', async () => {
  const elsewhere = await createTestDependencies({ JWT_SECRET: 'x'.repeat(32) });
  const foreign = await elsewhere.tokens.issueAccessToken({ id: randomUUID(), role: 'user' });
  for (const token of ['not-a-jwt', 42, foreign]) {
    assert.equal(
      await refusal(service.url, { auth: { token } }),
      'Invalid or expired access token',
    );
  }
});

test('a valid access token connects, and messages carry the user id', async () => {
  const account = await register(service.url);
  const alice = await openSocket(service.url, {
    auth: { token: (await logIn(service.url, account)).accessToken },
  });
  const bob = await openSocket(service.url, {
    auth: { token: (await logIn(service.url, await register(service.url))).accessToken },
  });
  const room = `room-${randomUUID()}`;
  await request(alice, 'room:join', { room });
  await request(bob, 'room:join', { room });
  const received = once(bob, 'room:message');
  await request(alice, 'room:message', { room, text: 'signed' });
  const [message] = await received;
  assert.equal(message.userId, account.user.id);
});

test('signing out closes the connections opened with that sign-in, and no other', async () => {
  const account = await register(service.url);
  const laptop = await logIn(service.url, account);
  const phone = await logIn(service.url, account);
  const first = await openSocket(service.url, { auth: { token: laptop.accessToken } });
  const second = await openSocket(service.url, { auth: { token: laptop.accessToken } });
  const elsewhere = await openSocket(service.url, { auth: { token: phone.accessToken } });
  const closed = [once(first, 'disconnect'), once(second, 'disconnect')];

  await logOut(service.url, laptop.cookie);
  for (const [reason] of await Promise.all(closed)) assert.equal(reason, 'io server disconnect');
  // The same user's other sign-in keeps its connection.
  const room = `room-${randomUUID()}`;
  assert.deepEqual(await request(elsewhere, 'room:join', { room }), { ok: true, room });
});

test('a connection is closed when its access token expires', async () => {
  // Two seconds, since a token's times are whole seconds: it lives between one and two.
  const shortLived = await createTestDependencies({ JWT_ACCESS_TTL: '2s' });
  const token = await shortLived.tokens.issueAccessToken({ id: randomUUID(), role: 'user' });
  const socket = await openSocket(service.url, { auth: { token } });
  const [reason] = await once(socket, 'disconnect');
  assert.equal(reason, 'io server disconnect');
});
