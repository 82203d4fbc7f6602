import { createClient } from 'redis';

// The Redis server the tests use; each test process keeps its keys under a prefix of its own.
export function testRedisUrl() {
  return process.env.REDIS_URL ?? 'redis://localhost:6379';
}

// Throws an error of one line, naming what to start, when the test Redis does not answer.
export async function requireTestRedis(url = testRedisUrl()) {
  const client = createClient({ url, socket: { connectTimeout: 3000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const { host } = new URL(url);
    throw new Error(
      `Redis does not answer at ${host} (${error.message}): ` +
        'start it with `docker compose up -d --wait redis`, or set REDIS_URL',
      { cause: error },
    );
  } finally {
    if (client.isOpen) client.destroy();
  }
}
