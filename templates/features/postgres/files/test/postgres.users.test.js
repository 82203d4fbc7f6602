import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { createPool } from '../src/db/pool.js';
import { createOutageLog } from '../src/outages/outageLog.js';
import { createPostgresUsersRepository } from '../src/users/postgresUsersRepository.js';
import { adminAgent, captureLogger, createTestApp, dependenciesOf } from './helpers.js';
import { testDatabaseUrl } from './testDatabase.js';

// A repository over a users table of the test's own, in a schema of its own that its connections
// search instead of the shared one: counts are exact while other test files write to the shared
// table at the same time.
async function privateRepository(t) {
  const schema = `test_${randomUUID().replaceAll('-', '')}`;
  const url = new URL(testDatabaseUrl());
  url.searchParams.set('options', `-c search_path=${schema}`);
  const config = { databaseUrl: url.href, pgPoolMax: 2 };
  const outage = createOutageLog({ dependency: 'postgres', logger: captureLogger().logger });
  const pool = createPool({ config, outage });
  await pool.query(`CREATE SCHEMA ${schema}`);
  t.after(async () => {
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool.end();
  });
  await pool.query('CREATE TABLE users (LIKE public.users INCLUDING ALL)');
  return createPostgresUsersRepository(pool);
}

const email = () => `${randomUUID()}@example.com`;

test('create, find, update and remove a user', async (t) => {
  const users = await privateRepository(t);
  const created = await users.create({ email: 'Ann@Example.com', name: "Ann O'Hara" });
  assert.match(created.id, /^[0-9a-f-]{36}$/);
  assert.equal(created.email, 'Ann@Example.com');
  assert.equal(created.name, "Ann O'Hara");
  assert.equal(created.role, 'user');
  assert.equal(created.createdAt, created.updatedAt);
  assert.equal(new Date(created.createdAt).toISOString(), created.createdAt);

  assert.deepEqual(await users.findById(created.id), created);
  assert.deepEqual(await users.findById(created.id.toUpperCase()), created);
  assert.deepEqual(await users.findByEmail('ann@example.COM'), created);

  const updated = await users.update(created.id, { name: 'Ann', role: 'admin' });
  assert.equal(updated.name, 'Ann');
  assert.equal(updated.role, 'admin');
  assert.equal(updated.email, created.email);
  assert.equal(updated.createdAt, created.createdAt);
  assert.ok(updated.updatedAt >= created.updatedAt);
  assert.deepEqual(await users.findById(created.id), updated);

  assert.equal(await users.remove(created.id), true);
  assert.equal(await users.findById(created.id), null);
  assert.equal(await users.remove(created.id), false);
  assert.equal(await users.update(created.id, { name: 'Ghost' }), null);
});

test('emails are unique whatever their case', async (t) => {
  const users = await privateRepository(t);
  const ann = await users.create({ email: 'ann@example.com', name: 'Ann' });
  const bob = await users.create({ email: 'bob@example.com', name: 'Bob' });
  await assert.rejects(users.create({ email: 'ANN@example.com', name: 'Copy' }), {
    name: 'AppError',
    status: 409,
    code: 'CONFLICT',
  });
  await assert.rejects(users.update(bob.id, { email: 'Ann@Example.com' }), { status: 409 });
  const renamed = await users.update(ann.id, { email: 'ANN@EXAMPLE.COM' });
  assert.equal(renamed.email, 'ANN@EXAMPLE.COM', 'a user may change the case of their own email');
});

test('ids that are not UUIDs are not found rather than database errors', async (t) => {
  const users = await privateRepository(t);
  for (const id of ['42', "' OR 1=1 --", '1; DROP TABLE users']) {
    assert.equal(await users.findById(id), null);
    assert.equal(await users.update(id, { name: 'X' }), null);
    assert.equal(await users.remove(id), false);
  }
});

test('findByIds returns the users that exist, in the order asked', async (t) => {
  const users = await privateRepository(t);
  const [a, b, c] = [
    await users.create({ email: email(), name: 'A' }),
    await users.create({ email: email(), name: 'B' }),
    await users.create({ email: email(), name: 'C' }),
  ];
  const found = await users.findByIds([c.id, randomUUID(), a.id, 'not-a-uuid', b.id]);
  assert.deepEqual(found, [c, a, b]);
  assert.deepEqual(await users.findByIds([]), []);
});

test('list pages through users in creation order, with the total', async (t) => {
  const users = await privateRepository(t);
  const created = [];
  for (let i = 1; i <= 5; i += 1) {
    created.push(await users.create({ email: email(), name: `U${i}` }));
  }
  assert.deepEqual(await users.list({ page: 2, limit: 2 }), {
    data: created.slice(2, 4),
    total: 5,
  });
  assert.deepEqual(await users.list({ page: 3, limit: 2 }), { data: created.slice(4), total: 5 });
  assert.deepEqual(await users.list({ page: 4, limit: 2 }), { data: [], total: 5 });
});

test('the users API counts what it lists, on the shared table', async () => {
  const api = await adminAgent(await createTestApp());
  for (let i = 0; i < 3; i += 1) {
    await api.post('/api/v1/users').send({ email: email(), name: 'Counted' }).expect(201);
  }
  // Other test files write to this table at the same time, so only what holds whatever they do
  // is checked: ours are counted, and each page agrees with the total it comes with.
  const first = (await api.get('/api/v1/users?limit=2').expect(200)).body;
  assert.ok(first.total >= 3);
  assert.equal(first.totalPages, Math.ceil(first.total / 2));
  const page = first.totalPages;
  const last = (await api.get(`/api/v1/users?limit=2&page=${page}`).expect(200)).body;
  assert.equal(last.data.length, Math.max(0, Math.min(2, last.total - (page - 1) * 2)));
});

// Strings an attacker would put where an id, a field or a number goes. Every one must be refused
// (400) or not found (404), or stored as plain text: never a 500, never SQL.
const INJECTIONS = [
  "' OR 1=1 --",
  "' OR '1'='1",
  '1; DROP TABLE users',
  "'; DROP TABLE users; --",
  "1' UNION SELECT id, email, name, role, created_at, updated_at FROM users --",
  '" OR ""="',
  '$1',
  "\\'; SELECT pg_sleep(5); --",
];

test('SQL injection strings are refused or stored as text, never run', async () => {
  const app = await createTestApp();
  const api = await adminAgent(app);
  const witness = (await api.post('/api/v1/users').send({ email: email(), name: 'W' }).expect(201))
    .body;

  for (const injection of INJECTIONS) {
    const id = encodeURIComponent(injection);
    const query = `page=${id}&limit=${id}`;
    for (const res of [
      await api.get(`/api/v1/users/${id}`),
      await api.patch(`/api/v1/users/${id}`).send({ name: 'X' }),
      await api.delete(`/api/v1/users/${id}`),
      await api.get(`/api/v1/users?${query}`),
      await api.post('/api/v1/users').send({ email: injection, name: 'X' }),
      await api.post('/api/v1/users').send({ email: email(), name: 'X', role: injection }),
      await api.patch(`/api/v1/users/${witness.id}`).send({ email: injection }),
    ]) {
      assert.equal(res.status, 400, `${res.req.method} ${res.req.path}: ${res.text}`);
      assert.equal(res.body.error.code, 'VALIDATION_ERROR');
    }
    // Well-formed requests carrying the string as data store it as it is.
    const created = await api.post('/api/v1/users').send({ email: email(), name: injection });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.name, injection);
    const renamed = await api.patch(`/api/v1/users/${created.body.id}`).send({ name: injection });
    assert.equal(renamed.status, 200, renamed.text);
    const read = await api.get(`/api/v1/users/${created.body.id}`).expect(200);
    assert.equal(read.body.name, injection);
    await api.get(`/api/v1/users?page=1&limit=1&${id}=${id}`).expect(200);
  }

  const { pool } = dependenciesOf(app);
  const { rows } = await pool.query("SELECT to_regclass('users') IS NOT NULL AS present");
  assert.equal(rows[0].present, true, 'the users table is still there');
  await api.get(`/api/v1/users/${witness.id}`).expect(200);
});

test('an unknown but well-formed id is a 404 on every route', async () => {
  const api = await adminAgent(await createTestApp());
  const path = `/api/v1/users/${randomUUID()}`;
  await api.get(path).expect(404);
  await api.patch(path).send({ name: 'Nobody' }).expect(404);
  await api.delete(path).expect(404);
});
