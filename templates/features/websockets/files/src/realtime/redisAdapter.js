import { createAdapter } from '@socket.io/redis-adapter';

// Rooms span every instance of the service: a broadcast is published to Redis, and each instance
// delivers it to its own clients in the room. The adapter needs two connections of its own (one
// of them subscribes, which ties it up), so it returns what closes them.
export async function useRedisAdapter(io, { config, logger, redis }) {
  const clients = [redis.duplicate(), redis.duplicate()];
  for (const client of clients) {
    client.on('error', (err) => logger.error({ err }, 'Socket.IO Redis connection error'));
  }
  await Promise.all(clients.map((client) => client.connect()));
  const [pubClient, subClient] = clients;
  io.adapter(createAdapter(pubClient, subClient, { key: `${config.redisKeyPrefix}socket.io` }));
  // The adapter subscribes without waiting; this reply comes after the subscription's, so no
  // broadcast from another instance is missed once the service is listening.
  await subClient.ping();
  return () => Promise.all(clients.map((client) => client.close()));
}
