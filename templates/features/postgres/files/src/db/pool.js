import { DatabaseError, Pool } from 'pg';
import { ServiceUnavailableError } from '../errors/ServiceUnavailableError.js';

// SQLSTATE classes that say the server cannot serve now rather than that a statement is wrong:
// connection exceptions (08), insufficient resources (53), shutting down or starting up (57P0x)
// and a statement cancelled for taking longer than statement_timeout (57014).
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0|57014)/;
// What pg and pg-pool say, with no code, when the server cannot be reached or does not answer.
const UNAVAILABLE_MESSAGE =
  /^(timeout exceeded when trying to connect|Connection terminated|Query read timeout)/;

// Queries and connections that fail because PostgreSQL is down or too slow throw
// ServiceUnavailableError, and `outage` logs when that starts and when it ends.
class MonitoredPool extends Pool {
  #outage;

  constructor(options, outage) {
    super(options);
    this.#outage = outage;
  }

  query(...args) {
    // pg-pool's own calls pass a callback; the service's code awaits.
    if (typeof args.at(-1) === 'function') return super.query(...args);
    return this.#watched(super.query(...args));
  }

  connect(...args) {
    if (args.length > 0) return super.connect(...args);
    return this.#watched(super.connect());
  }

  async #watched(pending) {
    try {
      const result = await pending;
      this.#outage.recovered('queries');
      return result;
    } catch (err) {
      if (!isUnavailable(err)) {
        this.#outage.recovered('queries');
        throw err;
      }
      this.#outage.failed('queries', err);
      throw new ServiceUnavailableError('postgres', err);
    }
  }
}

function isUnavailable(err) {
  if (err instanceof DatabaseError) return UNAVAILABLE_SQLSTATE.test(err.code);
  // Network errors (ECONNREFUSED, ENOTFOUND, ...) carry a system error code.
  return /^E[A-Z]+$/.test(err.code ?? '') || UNAVAILABLE_MESSAGE.test(err.message);
}

// One pool per process, shared by every repository: connections are opened on demand, reused
// across requests and closed when idle.
export function createPool({ config, outage, applicationName }) {
  const pool = new MonitoredPool(
    {
      connectionString: config.databaseUrl,
      max: config.pgPoolMax,
      application_name: applicationName,
      // A request waits at most this long for a connection, rather than queueing forever.
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 10_000,
      // The server cancels a statement that runs longer; the client gives up a little later, for
      // when the server does not answer at all.
      statement_timeout: 10_000,
      query_timeout: 15_000,
    },
    outage,
  );
  // An idle client whose connection drops (a Postgres restart, a network failure) emits `error`
  // on the pool: without a listener that would crash the process. The pool discards the client;
  // the outage it announces is logged once, however many clients the pool held.
  pool.on('error', (err) => outage.failed('queries', err));
  return pool;
}
