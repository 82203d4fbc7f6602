import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { adminAgent, createTestApp, createTestDependencies } from './helpers.js';
import { startTcpProxy } from './tcpProxy.js';
import { testDatabaseUrl } from './testDatabase.js';

// The Postgres repository, counting the queries GraphQL makes through it.
async function countingRepository() {
  const { usersRepository } = await createTestDependencies();
  const batches = [];
  const counting = {
    ...usersRepository,
    async findById() {
      assert.fail('users are loaded in batches, never one by one');
    },
    async findByIds(ids) {
      batches.push([...ids]);
      return usersRepository.findByIds(ids);
    },
  };
  return { usersRepository, counting, batches };
}

test('users asked for by id in one request are loaded with one query', async () => {
  const { usersRepository, counting, batches } = await countingRepository();
  const agent = await adminAgent(await createTestApp({ usersRepository: counting }));
  const ids = [];
  for (const name of ['Ada', 'Bo', 'Cy']) {
    ids.push((await usersRepository.create({ email: `${randomUUID()}@example.com`, name })).id);
  }
  const query = `query ($a: ID!, $b: ID!, $c: ID!) {
    a: user(id: $a) { id } b: user(id: $b) { id } c: user(id: $c) { id } again: user(id: $a) { id }
  }`;
  // `again` asks for a user a second time; `c` spells its UUID in capitals, as a client may.
  const variables = { a: ids[0], b: ids[1], c: ids[2].toUpperCase() };

  const res = await agent.post('/graphql').send({ query, variables }).expect(200);
  assert.deepEqual(res.body.data, {
    a: { id: ids[0] },
    b: { id: ids[1] },
    c: { id: ids[2] },
    again: { id: ids[0] },
  });
  assert.deepEqual(batches, [ids]);

  // Nothing is kept between requests: the next one asks the database again.
  await agent.post('/graphql').send({ query, variables }).expect(200);
  assert.equal(batches.length, 2);
});

test('an unknown id in a batch is NOT_FOUND for its field only', async () => {
  const agent = await adminAgent(await createTestApp());
  const { usersRepository } = await createTestDependencies();
  const known = await usersRepository.create({ email: `${randomUUID()}@example.com`, name: 'K' });
  const res = await agent
    .post('/graphql')
    .send({
      query: 'query ($a: ID!, $b: ID!) { a: user(id: $a) { id } b: user(id: $b) { id } }',
      variables: { a: known.id, b: randomUUID() },
    })
    .expect(200);
  assert.deepEqual(res.body.data, { a: { id: known.id }, b: null });
  assert.equal(res.body.errors[0].extensions.code, 'NOT_FOUND');
  assert.deepEqual(res.body.errors[0].path, ['b']);
});

test('SQL in an id is a VALIDATION_ERROR, never a database error', async () => {
  const agent = await adminAgent(await createTestApp());
  for (const id of ["1' OR '1'='1", "'; DROP TABLE users; --"]) {
    const res = await agent
      .post('/graphql')
      .send({ query: 'query ($id: ID!) { user(id: $id) { id } }', variables: { id } })
      .expect(200);
    assert.equal(res.body.errors[0].extensions.code, 'VALIDATION_ERROR');
  }
});

test('while PostgreSQL is down a query fails with SERVICE_UNAVAILABLE', async (t) => {
  const proxy = await startTcpProxy(t, testDatabaseUrl());
  const agent = await adminAgent(await createTestApp({ env: { DATABASE_URL: proxy.url } }));
  const query = '{ users { total } }';
  await agent.post('/graphql').send({ query }).expect(200);

  await proxy.cut();
  const res = await agent.post('/graphql').send({ query });
  // Where a session authenticates the request, reading its user fails first, before GraphQL runs.
  const error = res.status === 503 ? res.body.error : res.body.errors[0];
  assert.equal(error.code ?? error.extensions.code, 'SERVICE_UNAVAILABLE');
  assert.doesNotMatch(error.message, /ECONN|connect|postgres/i);
});
