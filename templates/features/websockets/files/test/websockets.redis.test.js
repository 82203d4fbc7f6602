import assert from 'node:assert/strict';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { eventually } from './outages.js';
import { startRedisProxy } from './redisProxy.js';
import { connect, request, startRealtimeService } from './websockets.helpers.js';

// Two instances of the service sharing one Redis, as behind a load balancer.
const [first, second] = await Promise.all([startRealtimeService(), startRealtimeService()]);

// The adapters that subscribe to the requests of the instances' channels.
async function subscribers() {
  const { config, redis } = first.dependencies;
  const channel = `${config.redisKeyPrefix}socket.io-request#/#`;
  return (await redis.sendCommand(['PUBSUB', 'NUMSUB', channel]))[1];
}

test('a room broadcast reaches clients connected to another instance', async () => {
  const [alice, bob] = await Promise.all([connect(first), connect(second)]);
  const room = `room-${randomUUID()}`;
  await request(alice, 'room:join', { room });
  await request(bob, 'room:join', { room });

  const received = once(bob, 'room:message');
  const ack = await request(alice, 'room:message', { room, text: 'across instances' });
  const [message] = await received;
  assert.deepEqual(message, ack.message);
});

test('the adapter uses channels under REDIS_KEY_PREFIX and closes its connections', async () => {
  assert.equal(await subscribers(), 2);

  const third = await startRealtimeService();
  assert.equal(await subscribers(), 3);
  await third.realtime.close();
  assert.equal(await subscribers(), 2);
});

test('while Redis is down, a broadcast still reaches the clients of its instance', async (t) => {
  const proxy = await startRedisProxy(t);
  const service = await startRealtimeService({ env: { REDIS_URL: proxy.url } });
  const [alice, bob] = await Promise.all([connect(service), connect(service)]);
  const room = `room-${randomUUID()}`;
  await request(alice, 'room:join', { room });
  await request(bob, 'room:join', { room });

  await proxy.cut();
  const received = once(bob, 'room:message');
  const ack = await request(alice, 'room:message', { room, text: 'during an outage' });
  const [message] = await received;
  assert.deepEqual(message, ack.message);
  // A failed publish left unhandled would have failed the test, as it would end the service.
  await proxy.restore();
  // Closed once the adapter is back: a Redis client does not close while it reconnects.
  await eventually(async () => (await subscribers()) === 3, 'the adapter to subscribe again');
  await service.realtime.close();
});
