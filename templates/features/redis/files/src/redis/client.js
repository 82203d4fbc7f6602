import { createClient } from 'redis';
import { boundCommands } from './boundedCommands.js';

// Attempts at the first connection before start-up gives up: a service that cannot reach its
// Redis when it starts is misconfigured or early, and exiting lets the orchestrator say so.
const STARTUP_ATTEMPTS = 5;
const MAX_RECONNECT_DELAY_MS = 2000;

// The one Redis connection of the process, shared by every feature that stores something there.
// Once connected it rides out outages: it reconnects with backoff while commands fail fast (no
// offline queue, so requests are not held, and none waits longer than `commandTimeoutMs`), /ready
// reports the outage and `outage` logs its start and end.
export async function createRedisClient({ url, commandTimeoutMs, outage }) {
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
  reportConnectionState(client, outage);
  client.once('ready', () => (connected = true));
  try {
    await client.connect();
  } catch (error) {
    // The host only: the URL may hold a password.
    throw new Error(`Redis at ${new URL(url).host} cannot be reached: ${error.message}`, {
      cause: error,
    });
  }
  return boundCommands(client, { timeoutMs: commandTimeoutMs, outage });
}

// Without an `error` listener a lost connection would crash the process. A Redis outage raises an
// error on every reconnection attempt; the outage log reports it once, and its end once.
export function reportConnectionState(client, outage) {
  client.on('error', (err) => outage.failed(client, err));
  client.on('ready', () => outage.recovered(client));
}
