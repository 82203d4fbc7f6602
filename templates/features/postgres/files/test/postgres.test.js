import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { Pool } from 'pg';
import request from 'supertest';
import { createPool } from '../src/db/pool.js';
import { withTransaction } from '../src/db/transaction.js';
import { createOutageLog } from '../src/outages/outageLog.js';
import { captureLogger, createTestApp, createTestDependencies } from './helpers.js';
import { closedPort, eventually, runTestPreparation } from './outages.js';
import { testDatabaseUrl } from './testDatabase.js';

const DATABASE_URL = testDatabaseUrl();

// A pool of its own for the test, closed when it ends.
function testPool(t, { max = 2, logger = captureLogger().logger, url = DATABASE_URL } = {}) {
  const outage = createOutageLog({ dependency: 'postgres', logger });
  const pool = createPool({ config: { databaseUrl: url, pgPoolMax: max }, outage });
  t.after(() => pool.end());
  return pool;
}

const emailTaken = (pool, email) =>
  pool.query('SELECT 1 FROM users WHERE email = $1', [email]).then(({ rowCount }) => rowCount > 0);

test('the migrations created the users table', async (t) => {
  const pool = testPool(t);
  const { rows } = await pool.query(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'users' ORDER BY ordinal_position`,
  );
  assert.deepEqual(
    rows.map((row) => row.column_name),
    ['id', 'email', 'name', 'role', 'created_at', 'updated_at'],
  );
});

test('GET /ready checks Postgres with SELECT 1', async () => {
  const res = await request(await createTestApp())
    .get('/ready')
    .expect(200);
  assert.equal(res.body.checks.postgres, 'ok');
});

test('GET /ready is 503 naming postgres when the database does not answer', async () => {
  const url = new URL(DATABASE_URL);
  url.host = `127.0.0.1:${await closedPort()}`;
  const app = await createTestApp({ env: { DATABASE_URL: url.href } });
  const res = await request(app).get('/ready').expect(503);
  assert.equal(res.body.status, 'unavailable');
  assert.match(res.body.checks.postgres, /ECONNREFUSED/);
});

test('closing the dependencies ends the pool', async () => {
  const dependencies = await createTestDependencies();
  await dependencies.pool.query('SELECT 1');
  await dependencies.close();
  assert.equal(dependencies.pool.ended, true);
  await assert.rejects(dependencies.pool.query('SELECT 1'));
});

test('an idle connection that drops is logged as an outage, not a crash', async (t) => {
  const { logger, lines } = captureLogger();
  const pool = testPool(t, { logger });
  const { rows } = await pool.query('SELECT pg_backend_pid() AS pid');

  const admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
  t.after(() => admin.end());
  await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);

  await eventually(() => lines.length > 0, 'the error to be logged');
  assert.equal(lines[0].msg, 'postgres unavailable');
  assert.equal((await pool.query('SELECT 1 AS one')).rows[0].one, 1, 'the pool carries on');
  assert.equal(lines.at(-1).msg, 'postgres available again');
});

test('withTransaction commits when the function resolves', async (t) => {
  const pool = testPool(t);
  const email = `${randomUUID()}@example.com`;
  const result = await withTransaction(pool, async (client) => {
    await client.query('INSERT INTO users (email, name) VALUES ($1, $2)', [email, 'Committed']);
    return 'done';
  });
  assert.equal(result, 'done');
  assert.equal(await emailTaken(pool, email), true);
});

test('withTransaction rolls back and rethrows when the function throws', async (t) => {
  const pool = testPool(t);
  const email = `${randomUUID()}@example.com`;
  const failure = new Error('second step failed');
  await assert.rejects(
    withTransaction(pool, async (client) => {
      await client.query('INSERT INTO users (email, name) VALUES ($1, $2)', [email, 'Rolled']);
      throw failure;
    }),
    (error) => error === failure,
  );
  assert.equal(await emailTaken(pool, email), false);
  assert.equal(pool.totalCount, pool.idleCount, 'the connection went back to the pool');
});

test('withTransaction rolls back a failed statement and the pool stays usable', async (t) => {
  const pool = testPool(t, { max: 1 });
  const email = `${randomUUID()}@example.com`;
  await assert.rejects(
    withTransaction(pool, async (client) => {
      await client.query('INSERT INTO users (email, name) VALUES ($1, $2)', [email, 'First']);
      await client.query('INSERT INTO users (email, name) VALUES ($1, $2)', [email, 'Again']);
    }),
    { code: '23505' },
  );
  assert.equal(await emailTaken(pool, email), false);
});

test('withTransaction destroys a connection that broke', async (t) => {
  const pool = testPool(t, { max: 1 });
  const terminateItself = (client) => client.query('SELECT pg_terminate_backend(pg_backend_pid())');
  await assert.rejects(withTransaction(pool, terminateItself), { code: '57P01' });
  assert.equal(pool.totalCount, 0, 'the broken connection is not handed out again');
  assert.equal(await withTransaction(pool, async () => 'fresh connection'), 'fresh connection');
});

test('withTransaction can run read-only at a stricter isolation level', async (t) => {
  const pool = testPool(t);
  const level = await withTransaction(
    pool,
    async (client) => (await client.query('SHOW transaction_isolation')).rows[0],
    { isolationLevel: 'SERIALIZABLE', readOnly: true },
  );
  assert.equal(level.transaction_isolation, 'serializable');
  await assert.rejects(
    withTransaction(pool, (client) => client.query('DELETE FROM users WHERE false'), {
      readOnly: true,
    }),
    { code: '25006' },
  );
  await assert.rejects(
    withTransaction(pool, async () => {}, { isolationLevel: 'CHAOS; DROP TABLE users' }),
    TypeError,
  );
});

test('the tests use a database of their own, never the development data', async () => {
  const { config } = await createTestDependencies();
  assert.equal(config.databaseUrl, testDatabaseUrl(process.env.DATABASE_URL));
  assert.match(new URL(config.databaseUrl).pathname, /_test$/);
  const named = 'postgres://app:app@localhost:5432/app';
  assert.equal(testDatabaseUrl(named), 'postgres://app:app@localhost:5432/app_test');
  assert.equal(testDatabaseUrl(`${named}_test`), `${named}_test`);
});

test('npm test stops at once, in one line naming what to start, without PostgreSQL', async () => {
  const url = new URL(process.env.DATABASE_URL);
  url.host = `127.0.0.1:${await closedPort()}`;
  const { code, stderr } = await runTestPreparation({ DATABASE_URL: url.href });
  assert.equal(code, 1);
  assert.match(
    stderr,
    /^PostgreSQL does not answer at 127\.0\.0\.1:\d+ \(.*ECONNREFUSED.*\): start it with `docker compose up -d --wait postgres`, or set DATABASE_URL\n$/,
  );
});
