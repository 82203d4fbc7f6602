import assert from 'node:assert/strict';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { io } from 'socket.io-client';
import { HEARTBEAT, MAX_MESSAGE_BYTES } from '../src/realtime/realtimeServer.js';
import { EVENT_RATE, MAX_ROOMS } from '../src/realtime/rooms.js';
import { connect, openSocket, request, startRealtimeService } from './websockets.helpers.js';

const service = await startRealtimeService({
  env: { CORS_ORIGINS: 'https://app.example.com' },
});

function newRoom() {
  return `room-${randomUUID()}`;
}

test('a message sent to a room reaches the others in it, not the sender', async () => {
  const [alice, bob, carol] = await Promise.all([1, 2, 3].map(() => connect(service)));
  const room = newRoom();
  assert.deepEqual(await request(alice, 'room:join', { room }), { ok: true, room });
  assert.deepEqual(await request(bob, 'room:join', { room }), { ok: true, room });
  let carolReceived = false;
  carol.on('room:message', () => (carolReceived = true));
  let aliceReceived = false;
  alice.on('room:message', () => (aliceReceived = true));

  const received = once(bob, 'room:message');
  const ack = await request(alice, 'room:message', { room, text: ' hello ' });
  assert.equal(ack.ok, true);
  const [message] = await received;
  assert.deepEqual(message, ack.message);
  assert.equal(message.room, room);
  assert.equal(message.text, 'hello');
  assert.equal(message.from, alice.id);
  assert.ok(!Number.isNaN(Date.parse(message.sentAt)));

  // A round trip after the broadcast: anything sent to carol or alice would have arrived by now.
  await request(carol, 'room:join', { room: newRoom() });
  await request(alice, 'room:join', { room: newRoom() });
  assert.equal(carolReceived, false);
  assert.equal(aliceReceived, false);
});

test("a client cannot join another connection's own room", async () => {
  const [alice, bob] = await Promise.all([connect(service), connect(service)]);
  let received = false;
  alice.on('room:message', () => (received = true));
  await request(bob, 'room:join', { room: alice.id });
  await request(bob, 'room:message', { room: alice.id, text: 'psst' });
  await request(alice, 'room:join', { room: newRoom() });
  assert.equal(received, false);
});

test('after leaving a room a client can no longer send to it', async () => {
  const socket = await connect(service);
  const room = newRoom();
  await request(socket, 'room:join', { room });
  assert.deepEqual(await request(socket, 'room:leave', { room }), { ok: true, room });
  assert.deepEqual(await request(socket, 'room:message', { room, text: 'hi' }), {
    ok: false,
    error: { code: 'FORBIDDEN', message: 'Join the room before sending to it' },
  });
});

test('invalid events are answered with VALIDATION_ERROR and the connection stays', async () => {
  const socket = await connect(service);
  for (const [event, payload, paths] of [
    ['room:join', { room: 'has spaces' }, ['room']],
    ['room:join', { room: 'a'.repeat(65), extra: true }, ['room', '']],
    ['room:join', 'lobby', ['']],
    ['room:message', { room: 'lobby', text: 'x'.repeat(2001) }, ['text']],
  ]) {
    const ack = await request(socket, event, payload);
    assert.equal(ack.ok, false);
    assert.equal(ack.error.code, 'VALIDATION_ERROR');
    assert.deepEqual(
      ack.error.details.map((detail) => detail.path),
      paths,
    );
  }
  socket.emit('room:join', { room: 'no-ack-wanted' });
  assert.deepEqual(await request(socket, 'room:join', { room: 'lobby' }), {
    ok: true,
    room: 'lobby',
  });
  assert.ok(socket.connected);
});

test(`a connection can be in at most ${MAX_ROOMS} rooms`, async () => {
  const socket = await connect(service);
  for (let i = 0; i < MAX_ROOMS; i += 1) {
    assert.equal((await request(socket, 'room:join', { room: newRoom() })).ok, true);
  }
  const refused = await request(socket, 'room:join', { room: newRoom() });
  assert.equal(refused.error.code, 'FORBIDDEN');
});

test('events beyond the rate are answered RATE_LIMITED, and the rate recovers', async () => {
  const socket = await connect(service);
  const room = newRoom();
  const sent = 2 * EVENT_RATE.burst;
  const answers = await Promise.all(
    Array.from({ length: sent }, () => request(socket, 'room:join', { room })),
  );
  const limited = answers.filter((answer) => !answer.ok);
  // The bucket refills while the burst is on its way, so a few more than `burst` may pass.
  assert.ok(limited.length > 0 && limited.length <= sent - EVENT_RATE.burst, `${limited.length}`);
  for (const answer of limited) assert.equal(answer.error.code, 'RATE_LIMITED');
  await sleep(1000 / EVENT_RATE.perSecond);
  assert.equal((await request(socket, 'room:leave', { room })).ok, true);
  assert.ok(socket.connected);
});

test('the server announces its heartbeat to clients in the handshake', async () => {
  const socket = io(service.url, { transports: ['websocket'], autoConnect: false });
  socket.connect();
  const [handshake] = await once(socket.io.engine, 'handshake');
  socket.disconnect();
  assert.equal(handshake.pingInterval, HEARTBEAT.pingInterval);
  assert.equal(handshake.pingTimeout, HEARTBEAT.pingTimeout);
  assert.equal(handshake.maxPayload, MAX_MESSAGE_BYTES);
});

test('a message over the size limit closes the connection', async () => {
  for (const transports of [['websocket'], ['polling']]) {
    const socket = await connect(service, { transports });
    const room = newRoom();
    await request(socket, 'room:join', { room });
    const disconnected = once(socket, 'disconnect');
    socket.emit('room:message', { room, text: 'x'.repeat(MAX_MESSAGE_BYTES) });
    const [reason] = await disconnected;
    assert.match(reason, /^transport (close|error)$/, transports[0]);
  }
});

test('a handshake from an origin that is not allowed is refused', async () => {
  const from = (origin) =>
    openSocket(service.url, { extraHeaders: { origin } }).then(
      (socket) => socket.connected,
      () => false,
    );
  assert.equal(await from('https://evil.example.com'), false);
  assert.equal(await from('null'), false);
  // The allow-list and the service's own origin pass the origin check (and may still need to sign in).
  for (const origin of ['https://app.example.com', service.url]) {
    const socket = await connect(service, { extraHeaders: { origin } });
    assert.ok(socket.connected, origin);
  }
});

test('new connections beyond SOCKET_HANDSHAKE_LIMIT per client IP are refused', async () => {
  // Counters of its own: with Redis, instances that share a key prefix share the count.
  const limited = await startRealtimeService({
    env: { SOCKET_HANDSHAKE_LIMIT: '2', REDIS_KEY_PREFIX: `test:${randomUUID()}:` },
  });
  await connect(limited);
  await connect(limited);
  await assert.rejects(connect(limited));
  // Over long polling the refusal is the REST API's; a forged X-Forwarded-For changes nothing.
  const handshake = new URL('/socket.io/?EIO=4&transport=polling', limited.url);
  const res = await fetch(handshake, { headers: { 'x-forwarded-for': '203.0.113.9' } });
  assert.equal(res.status, 429);
  assert.ok(Number(res.headers.get('retry-after')) > 0);
  assert.equal((await res.json()).error.code, 'RATE_LIMITED');
});

test(
  'a connection that does not sign in within SOCKET_AUTH_TIMEOUT_MS is closed',
  { timeout: 10_000 },
  async () => {
    const quick = await startRealtimeService({ env: { SOCKET_AUTH_TIMEOUT_MS: '300' } });
    // A bare Engine.IO connection that never asks to join a namespace, as no Socket.IO client would.
    const url = new URL('/socket.io/?EIO=4&transport=websocket', quick.url.replace('http', 'ws'));
    const opened = performance.now();
    const socket = new WebSocket(url);
    await once(socket, 'close');
    const lasted = performance.now() - opened;
    assert.ok(lasted >= 300 && lasted < 5000, `closed after ${lasted} ms`);
    // A client that signs in at once is not concerned.
    const client = await connect(quick);
    await sleep(500);
    assert.ok(client.connected);
  },
);
