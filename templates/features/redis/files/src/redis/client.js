import { createClient } from 'redis';

// Attempts at the first connection before start-up gives up: a service that cannot reach its
// Redis when it starts is misconfigured or early, and exiting lets the orchestrator say so.
const STARTUP_ATTEMPTS = 5;
const MAX_RECONNECT_DELAY_MS = 2000;

// The one Redis connection of the process, shared by every feature that stores something there.
// Once connected it rides out outages: it reconnects with backoff while commands fail fast (no
// offline queue, so requests are not held), and /ready reports the outage.
export async function createRedisClient({ url, logger }) {
  let connected = false;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5000,
      reconnectStrategy: (retries, cause) => {
        if (!connected && retries >= STARTUP_ATTEMPTS - 1) return cause;
        // Exponential backoff with jitter, so that restarted instances do not reconnect in step.
        const jitter = Math.floor(Math.random() * 100);
        return Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS) + jitter;
      },
    },
  });
  logConnectionState(client, logger);
  client.once('ready', () => (connected = true));
  try {
    await client.connect();
  } catch (error) {
    // The host only: the URL may hold a password.
    throw new Error(`Redis at ${new URL(url).host} cannot be reached: ${error.message}`, {
      cause: error,
    });
  }
  return client;
}

// Without an `error` listener a lost connection would crash the process. A Redis outage raises an
// error on every reconnection attempt, so only the first one of each outage is logged.
function logConnectionState(client, logger) {
  let failing = false;
  client.on('error', (err) => {
    if (!failing) logger.error({ err }, 'redis connection failed, reconnecting');
    failing = true;
  });
  client.on('ready', () => {
    if (failing) logger.info('redis connection restored');
    failing = false;
  });
}
