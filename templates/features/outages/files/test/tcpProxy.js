import { once } from 'node:events';
import { connect, createServer } from 'node:net';

// A TCP proxy in front of a test server (Redis, PostgreSQL) that a test can cut and restore, to
// play an outage, or stall and resume, to play a server that accepts commands and never answers.
// It is closed when the test `t` ends. `url` is the server's; the proxy's own is returned.
export async function startTcpProxy(t, url) {
  const target = new URL(url);
  const upstream = { host: target.hostname, port: Number(target.port) };
  const sockets = new Set();
  const upstreams = new Set();
  let stalled = false;
  const server = createServer((client) => {
    const toServer = connect(upstream);
    for (const socket of [client, toServer]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('close', () => toServer.destroy());
    toServer.on('close', () => client.destroy());
    // While stalled, answers are left unread, to be delivered on resume.
    upstreams.add(toServer);
    toServer.on('close', () => upstreams.delete(toServer));
    if (stalled) toServer.pause();
    client.pipe(toServer).pipe(client);
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
  return {
    url: target.href,
    cut,
    restore: () => listen(port),
    stall: () => {
      stalled = true;
      for (const socket of upstreams) socket.pause();
    },
    resume: () => {
      stalled = false;
      for (const socket of upstreams) socket.resume();
    },
  };
}
