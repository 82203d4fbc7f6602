import assert from 'node:assert/strict';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { connect, request, startRealtimeService } from './websockets.helpers.js';

// Two instances of the service sharing one Redis, as behind a load balancer.
const [first, second] = await Promise.all([startRealtimeService(), startRealtimeService()]);

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
  const { config, redis } = first.dependencies;
  const channel = `${config.redisKeyPrefix}socket.io-request#/#`;
  const subscribers = async () => (await redis.sendCommand(['PUBSUB', 'NUMSUB', channel]))[1];
  assert.equal(await subscribers(), 2);

  const third = await startRealtimeService();
  assert.equal(await subscribers(), 3);
  await third.realtime.close();
  assert.equal(await subscribers(), 2);
});
