import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { buildSchema, GraphQLError, parse, specifiedRules, validate } from 'graphql';
import request from 'supertest';
import { depthLimit } from '../src/graphql/depthLimit.js';
import { fieldLimit } from '../src/graphql/fieldLimit.js';
import { createErrorFormatter } from '../src/graphql/errors.js';
import { MAX_QUERY_DEPTH } from '../src/graphql/handler.js';
import { adminAgent, captureLogger, createTestApp } from './helpers.js';

const USER_FIELDS = 'id email name role createdAt updatedAt';
const CREATE_USER = `mutation ($input: CreateUserInput!) { createUser(input: $input) { ${USER_FIELDS} } }`;

async function execute(agent, query, variables) {
  const res = await agent.post('/graphql').send({ query, variables }).expect(200);
  assert.match(res.headers['content-type'], /^application\/json/);
  return res.body;
}

function newUser() {
  return { email: `${randomUUID()}@example.com`, name: 'Grace' };
}

test('createUser and user answer what the REST routes answer', async () => {
  const agent = await adminAgent(await createTestApp());
  const created = await execute(agent, CREATE_USER, { input: newUser() });
  assert.equal(created.errors, undefined);
  const { id } = created.data.createUser;

  const rest = await agent.get(`/api/v1/users/${id}`).expect(200);
  assert.deepEqual(created.data.createUser, rest.body);
  const found = await execute(agent, `query ($id: ID!) { user(id: $id) { ${USER_FIELDS} } }`, {
    id,
  });
  assert.deepEqual(found, { data: { user: rest.body } });
});

// Every record that references a user (an owner, a reference field) answers this type: it must
// never grow a field that the REST API keeps to itself, such as the password hash.
test('the User type has the fields of a REST user, and no others', async () => {
  const agent = await adminAgent(await createTestApp());
  const { data } = await execute(agent, '{ __type(name: "User") { fields { name } } }');
  const names = data.__type.fields.map(({ name }) => name);
  assert.deepEqual(names, USER_FIELDS.split(' '));
});

test('users pages like the REST list, with the limit capped at 100', async () => {
  const agent = await adminAgent(await createTestApp());
  for (let i = 0; i < 3; i += 1) await execute(agent, CREATE_USER, { input: newUser() });

  const query = `query ($page: Int, $limit: Int) {
    users(page: $page, limit: $limit) { data { id } page limit total totalPages }
  }`;
  const { data } = await execute(agent, query, { page: 2, limit: 2 });
  const rest = await agent.get('/api/v1/users?page=2&limit=2').expect(200);
  assert.deepEqual(data.users, { ...rest.body, data: rest.body.data.map(({ id }) => ({ id })) });

  const capped = await execute(agent, query, { limit: 1000 });
  assert.equal(capped.data.users.limit, 100);
  assert.equal(capped.data.users.page, 1);
});

test('the REST error codes reach GraphQL clients in extensions.code', async () => {
  const agent = await adminAgent(await createTestApp());

  const invalidId = await execute(agent, '{ user(id: "42") { id } }');
  assert.equal(invalidId.data.user, null);
  assert.equal(invalidId.errors[0].extensions.code, 'VALIDATION_ERROR');
  assert.deepEqual(invalidId.errors[0].path, ['user']);
  assert.deepEqual(
    invalidId.errors[0].extensions.details.map((detail) => detail.path),
    ['id'],
  );

  const missing = await execute(agent, `{ user(id: "${randomUUID()}") { id } }`);
  assert.equal(missing.errors[0].extensions.code, 'NOT_FOUND');
  assert.equal(missing.errors[0].message, 'User not found');

  const invalidInput = await execute(agent, CREATE_USER, {
    input: { email: 'not-an-email', name: ' ' },
  });
  assert.equal(invalidInput.data, null);
  assert.equal(invalidInput.errors[0].extensions.code, 'VALIDATION_ERROR');
  assert.deepEqual(
    invalidInput.errors[0].extensions.details.map((detail) => detail.path),
    ['input.email', 'input.name'],
  );

  const input = newUser();
  await execute(agent, CREATE_USER, { input });
  const taken = await execute(agent, CREATE_USER, { input });
  assert.equal(taken.errors[0].extensions.code, 'CONFLICT');
});

test('an unexpected resolver error is an INTERNAL_ERROR, logged with the request', async () => {
  const { logger, lines } = captureLogger();
  const usersRepository = {
    list: async () => {
      throw new Error('database exploded');
    },
  };
  const agent = await adminAgent(await createTestApp({ logger, usersRepository }));
  const result = await execute(agent, '{ users { total } }');
  assert.equal(result.errors[0].extensions.code, 'INTERNAL_ERROR');
  const logged = lines.find((line) => line.msg === 'GraphQL resolver failed');
  assert.equal(logged.err.message, 'database exploded');
  assert.match(logged.req.id, /./);
});

test('production hides an internal error message; development adds the stack', () => {
  const failure = new GraphQLError('database exploded', {
    path: ['users'],
    originalError: new Error('database exploded'),
  });
  const production = createErrorFormatter({ nodeEnv: 'production' })(failure).toJSON();
  assert.deepEqual(production, {
    message: 'Internal server error',
    path: ['users'],
    extensions: { code: 'INTERNAL_ERROR' },
  });
  const development = createErrorFormatter({ nodeEnv: 'development' })(failure).toJSON();
  assert.equal(development.message, 'database exploded');
  assert.match(development.extensions.stack, /database exploded\n\s+at /);
});

test('a query nested deeper than the limit is rejected before it runs', async () => {
  const tooDeep = `{ users ${'{ data '.repeat(MAX_QUERY_DEPTH)}{ id }${' }'.repeat(MAX_QUERY_DEPTH)} }`;
  const res = await request(await createTestApp())
    .post('/graphql')
    .set('Accept', 'application/graphql-response+json')
    .send({ query: tooDeep })
    .expect(400);
  assert.equal(res.body.data, undefined);
  const messages = res.body.errors.map((error) => error.message);
  assert.ok(messages.includes(`Query depth ${MAX_QUERY_DEPTH + 2} exceeds the maximum of 10`));
});

test('the depth limit counts fields through fragments, once per fragment', () => {
  const schema = buildSchema('type Query { node: Node } type Node { id: ID, child: Node }');
  const check = (query) =>
    validate(schema, parse(query), [...specifiedRules, depthLimit(3)]).map((e) => e.message);

  assert.deepEqual(check('{ node { child { id } } }'), []);
  assert.deepEqual(check('{ node { child { child { id } } } }'), [
    'Query depth 4 exceeds the maximum of 3',
  ]);
  assert.deepEqual(check('{ node { ...deep } } fragment deep on Node { child { child { id } } }'), [
    'Query depth 4 exceeds the maximum of 3',
  ]);
  assert.deepEqual(check('{ node { ... on Node { child { __typename id } } } }'), []);
  assert.deepEqual(check('{ __schema { types { fields { type { fields { name } } } } } }'), []);
  // Twenty levels of fragments spread twice each: 2^20 paths, measured in 20 steps.
  const fragments = Array.from(
    { length: 20 },
    (_, i) => `fragment f${i} on Node { ...f${i + 1} ...f${i + 1} }`,
  ).join(' ');
  assert.deepEqual(check(`{ node { ...f0 } } ${fragments} fragment f20 on Node { id }`), []);
});

test('a query that selects more fields than GRAPHQL_MAX_FIELDS is rejected before it runs', async () => {
  // The same field under many aliases: each would be resolved, and counted in the database, anew.
  const aliases = (n) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: users { total }`).join(' ')} }`;
  const res = await request(await createTestApp())
    .post('/graphql')
    .set('Accept', 'application/graphql-response+json')
    .send({ query: aliases(51) })
    .expect(400);
  assert.equal(res.body.data, undefined);
  const messages = res.body.errors.map((error) => error.message);
  assert.ok(messages.includes('Query selects 102 fields, more than the maximum of 100'));

  const configured = await createTestApp({ env: { GRAPHQL_MAX_FIELDS: '3' } });
  const refused = await request(configured)
    .post('/graphql')
    .set('Accept', 'application/graphql-response+json')
    .send({ query: aliases(2) })
    .expect(400);
  assert.equal(
    refused.body.errors[0].message,
    'Query selects 4 fields, more than the maximum of 3',
  );
  const { body } = await request(configured).post('/graphql').send({ query: '{ __typename }' });
  assert.deepEqual(body, { data: { __typename: 'Query' } });
});

test('the field limit counts aliases and every use of a fragment, quickly', () => {
  const schema = buildSchema('type Query { node: Node } type Node { id: ID, child: Node }');
  const check = (query, max = 4) =>
    validate(schema, parse(query), [...specifiedRules, fieldLimit(max)]).map((e) => e.message);

  assert.deepEqual(check('{ node { child { id } } }'), []);
  assert.deepEqual(check('{ a: node { id } b: node { id } c: node { id } }'), [
    'Query selects 6 fields, more than the maximum of 4',
  ]);
  assert.deepEqual(check('{ a: node { ...f } b: node { ...f } } fragment f on Node { id }'), []);
  assert.deepEqual(
    check('{ a: node { ...f } b: node { ...f } } fragment f on Node { id child { id } }'),
    ['Query selects 8 fields, more than the maximum of 4'],
  );
  assert.deepEqual(check('{ node { __typename id } __schema { types { fields { name } } } }'), []);
  // Twenty levels of fragments spread twice each: 2^20 fields, counted in 20 steps.
  const fragments = Array.from(
    { length: 20 },
    (_, i) => `fragment f${i} on Node { ...f${i + 1} ...f${i + 1} }`,
  ).join(' ');
  assert.deepEqual(check(`{ node { ...f0 } } ${fragments} fragment f20 on Node { id }`), [
    `Query selects ${2 ** 20 + 1} fields, more than the maximum of 4`,
  ]);
});

test('introspection is off in production and on in development', async () => {
  const query = '{ __schema { queryType { name } } }';
  const production = await request(await createTestApp({ env: { NODE_ENV: 'production' } }))
    .post('/graphql')
    .send({ query })
    .expect(200);
  assert.match(production.body.errors[0].message, /introspection has been disabled/);
  const typename = await request(await createTestApp({ env: { NODE_ENV: 'production' } }))
    .post('/graphql')
    .send({ query: '{ __typename }' })
    .expect(200);
  assert.deepEqual(typename.body, { data: { __typename: 'Query' } });

  const development = await request(await createTestApp({ env: { NODE_ENV: 'development' } }))
    .post('/graphql')
    .send({ query })
    .expect(200);
  assert.deepEqual(development.body, { data: { __schema: { queryType: { name: 'Query' } } } });
});

test('queries also work over GET, mutations do not', async () => {
  const app = await createTestApp();
  const res = await request(app).get('/graphql').query({ query: '{ __typename }' }).expect(200);
  assert.deepEqual(res.body, { data: { __typename: 'Query' } });
  await request(app)
    .get('/graphql')
    .query({ query: 'mutation { __typename }' })
    .expect(405)
    .expect('Allow', 'POST');
});

test('a body over BODY_LIMIT is refused by the JSON parser in front', async () => {
  const app = await createTestApp({ env: { BODY_LIMIT: '1kb' } });
  const res = await request(app)
    .post('/graphql')
    .send({ query: `{ __typename }${' '.repeat(2048)}` })
    .expect(413);
  assert.equal(res.body.error.code, 'PAYLOAD_TOO_LARGE');
});
