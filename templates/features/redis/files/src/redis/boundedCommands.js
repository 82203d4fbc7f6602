import { ErrorReply } from 'redis';
import { ServiceUnavailableError } from '../errors/ServiceUnavailableError.js';

// What opens and closes the connection, and what hands out other connections: these are not
// commands, and are called as they are.
const NOT_COMMANDS = new Set(['connect', 'destroy', 'quit', 'disconnect', 'duplicate']);

class CommandTimeoutError extends Error {}

// The client as requests use it: every command answers within `timeoutMs` or fails. node-redis
// only times out commands still waiting to be written, and a Redis that stalls (paused, swapping,
// behind a broken network path) accepts the command and never answers. A command that fails
// because Redis is unreachable or too slow throws ServiceUnavailableError; Redis's own error
// replies (a wrong type, a failing script) are thrown as they are.
export function boundCommands(client, { timeoutMs, outage }) {
  const bounded = new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      if (NOT_COMMANDS.has(property)) return value.bind(target);
      if (property === 'close') return () => closeWithin(target, timeoutMs);
      return (...args) => {
        const result = value.apply(target, args);
        // A transaction's commands are queued on it and sent by its exec(), which is bounded too.
        if (property === 'multi') return boundCommands(result, { timeoutMs, outage });
        if (result === target) return bounded;
        if (typeof result?.then === 'function') return withinTimeout(result, timeoutMs, outage);
        return result;
      };
    },
  });
  return bounded;
}

async function withinTimeout(reply, timeoutMs, outage) {
  let timer;
  // The error is made only when the timer fires: capturing a stack for every command that answers
  // in time would cost more than the command.
  const timeout = new Promise((resolve, reject) => {
    timer = setTimeout(() => {
      reject(new CommandTimeoutError(`Redis did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    const result = await Promise.race([reply, timeout]);
    outage.recovered('commands');
    return result;
  } catch (err) {
    if (err instanceof ErrorReply) throw err;
    // A lost connection is reported by the client's own events; a stall only by its commands.
    if (err instanceof CommandTimeoutError) outage.failed('commands', err);
    throw new ServiceUnavailableError('redis', err);
  } finally {
    clearTimeout(timer);
  }
}

// Closing waits for the commands still pending. After a stall those may never be answered, and
// their callers have given up on them already, so this waits at most `timeoutMs` and then goes on
// without the connection, which the process ends as it exits. (Destroying it would reject the
// commands libraries left pending without a handler, such as the Socket.IO adapter's unsubscribes,
// and so end the process with an unhandled rejection.)
export async function closeWithin(client, timeoutMs) {
  let timer;
  const stalled = new Promise((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  try {
    await Promise.race([client.close(), stalled]);
  } finally {
    clearTimeout(timer);
  }
}
