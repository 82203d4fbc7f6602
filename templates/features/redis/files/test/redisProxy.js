import { once } from 'node:events';
import { connect, createServer } from 'node:net';

// A TCP proxy in front of the test Redis that a test can cut and restore, to play an outage.
// It is closed when the test `t` ends.
export async function startRedisProxy(t) {
  const target = new URL(process.env.REDIS_URL ?? 'redis://localhost:6379');
  const upstream = { host: target.hostname, port: Number(target.port || 6379) };
  const sockets = new Set();
  const server = createServer((client) => {
    const toRedis = connect(upstream);
    for (const socket of [client, toRedis]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('close', () => toRedis.destroy());
    toRedis.on('close', () => client.destroy());
    client.pipe(toRedis).pipe(client);
  });
  const listen = async (port) => {
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
  };
  const cut = async () => {
    const closed = new Promise((resolve) => server.close(resolve));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  await listen(0);
  const { port } = server.address();
  t.after(() => server.listening && cut());
  target.host = `127.0.0.1:${port}`;
  return { url: target.href, cut, restore: () => listen(port) };
}
