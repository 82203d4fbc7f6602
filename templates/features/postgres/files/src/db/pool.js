import { Pool } from 'pg';

// One pool per process, shared by every repository: connections are opened on demand, reused
// across requests and closed when idle.
export function createPool({ config, logger, applicationName }) {
  const pool = new Pool({
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
  });
  // An idle client whose connection drops (a Postgres restart, a network failure) emits `error`
  // on the pool: without a listener that would crash the process. The pool discards the client.
  pool.on('error', (err) => logger.error({ err }, 'idle postgres client failed'));
  return pool;
}
