import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { logIn, logOut, openSocket, register, startRealtimeService } from './websockets.helpers.js';

// Two instances of the service sharing one Redis, as behind a load balancer.
const [first, second] = await Promise.all([startRealtimeService(), startRealtimeService()]);

test('logging out on one instance disconnects the sign-in on every other', async () => {
  const { accessToken, cookie } = await logIn(first.url, await register(first.url));
  const elsewhere = await openSocket(second.url, { auth: { token: accessToken } });
  const closed = once(elsewhere, 'disconnect');
  await logOut(first.url, cookie);
  const [reason] = await closed;
  assert.equal(reason, 'io server disconnect');
});
