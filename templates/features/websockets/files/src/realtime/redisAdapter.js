import { createAdapter } from '@socket.io/redis-adapter';
import { closeWithin } from '../redis/boundedCommands.js';
import { reportConnectionState } from '../redis/client.js';

// Rooms span every instance of the service: a broadcast is published to Redis, and each instance
// delivers it to its own clients in the room. The adapter needs two connections of its own (one
// of them subscribes, which ties it up), so it returns what closes them. Their outages are the
// service's Redis outage, logged once with it.
export async function useRedisAdapter(io, { config, redis, redisOutage }) {
  const clients = [redis.duplicate(), redis.duplicate()];
  for (const client of clients) reportConnectionState(client, redisOutage);
  await Promise.all(clients.map((client) => client.connect()));
  const [pubClient, subClient] = clients;
  // The adapter publishes without waiting for the answer, so during an outage each broadcast would
  // reject with nothing to handle it, which ends the process. It reaches this instance's clients
  // only then; the outage is logged once, by the connection.
  const publish = pubClient.publish.bind(pubClient);
  pubClient.publish = (...args) => publish(...args).catch(() => 0);
  io.adapter(createAdapter(pubClient, subClient, { key: `${config.redisKeyPrefix}socket.io` }));
  // The adapter subscribes without waiting; this reply comes after the subscription's, so no
  // broadcast from another instance is missed once the service is listening.
  await subClient.ping();
  return () =>
    Promise.all(clients.map((client) => closeWithin(client, config.redisCommandTimeoutMs)));
}
