import { createAdapter } from '@socket.io/redis-adapter';
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
  io.adapter(createAdapter(pubClient, subClient, { key: `${config.redisKeyPrefix}socket.io` }));
  // The adapter subscribes without waiting; this reply comes after the subscription's, so no
  // broadcast from another instance is missed once the service is listening.
  await subClient.ping();
  return () => Promise.all(clients.map((client) => client.close()));
}
