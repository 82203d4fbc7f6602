import { execFileSync } from 'node:child_process';
import { Client } from 'pg';

// The database the tests use: DATABASE_URL's, with `_test` after its name (unless it ends so
// already), so that `npm test` never reads or writes development data. Undefined without
// DATABASE_URL, which `npm test` reports before any test runs (test/prepare.js).
export function testDatabaseUrl(databaseUrl = process.env.DATABASE_URL) {
  if (!databaseUrl) return undefined;
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name.endsWith('_test')) url.pathname = `/${encodeURIComponent(`${name}_test`)}`;
  return url.href;
}

const START_POSTGRES = 'start it with `docker compose up -d --wait postgres`, or set DATABASE_URL';

// Creates the test database on DATABASE_URL's server when it does not exist yet, and applies the
// migrations to it. Throws an error of one line, naming what to start, when the server does not
// answer.
export async function prepareTestDatabase(databaseUrl = process.env.DATABASE_URL) {
  if (!databaseUrl) throw new Error(`DATABASE_URL is not set: ${START_POSTGRES}`);
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    const { host } = new URL(databaseUrl);
    throw new Error(`PostgreSQL does not answer at ${host} (${error.message}): ${START_POSTGRES}`, {
      cause: error,
    });
  }
  const url = testDatabaseUrl(databaseUrl);
  try {
    const name = decodeURIComponent(new URL(url).pathname.slice(1));
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } catch (error) {
    // Another test run created it meanwhile.
    if (error.code !== '42P04' && error.code !== '23505') throw error;
  } finally {
    await client.end();
  }
  execFileSync(process.execPath, ['src/db/migrate.js'], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: 'inherit',
  });
}
