import assert from 'node:assert/strict';
import { test } from 'node:test';
import request from 'supertest';
import { AppError } from '../src/errors/AppError.js';
import { errorHandler } from '../src/middlewares/errors/errorHandler.js';
import { adminAgent, captureLogger, createTestApp } from './helpers.js';

const failingRepository = {
  list: async () => {
    throw new Error('database exploded');
  },
};

test('an unknown route answers a JSON 404', async () => {
  const res = await request(await createTestApp())
    .delete('/api/v2/nothing')
    .expect(404);
  assert.deepEqual(res.body, {
    error: { code: 'NOT_FOUND', message: 'No route for DELETE /api/v2/nothing' },
  });
});

test('a malformed JSON body answers 400 INVALID_JSON', async () => {
  const res = await request(await createTestApp())
    .post('/api/v1/users')
    .set('Content-Type', 'application/json')
    .send('{"email": ')
    .expect(400);
  assert.deepEqual(res.body, {
    error: { code: 'INVALID_JSON', message: 'Request body is not valid JSON' },
  });
});

test('a body over BODY_LIMIT answers 413 PAYLOAD_TOO_LARGE', async () => {
  const app = await createTestApp({ env: { BODY_LIMIT: '1kb' } });
  const res = await request(app)
    .post('/api/v1/users')
    .send({ email: 'big@example.com', name: 'x'.repeat(2048) })
    .expect(413);
  assert.equal(res.body.error.code, 'PAYLOAD_TOO_LARGE');
  assert.match(res.headers['x-request-id'], /./);
});

test('an invalid body answers 400 VALIDATION_ERROR listing every problem', async () => {
  const res = await (
    await adminAgent(await createTestApp())
  )
    .post('/api/v1/users')
    .send({ email: 'not-an-email', role: 'admin' })
    .expect(400);
  assert.equal(res.body.error.code, 'VALIDATION_ERROR');
  assert.equal(res.body.error.message, 'Request validation failed');
  assert.deepEqual(
    res.body.error.details.map((detail) => detail.path),
    ['body.email', 'body.name', 'body'],
  );
  for (const detail of res.body.error.details) assert.equal(typeof detail.message, 'string');
});

test('other client errors keep their status with a code derived from it', async () => {
  const res = await request(await createTestApp())
    .post('/api/v1/users')
    .set('Content-Type', 'application/json; charset=latin-7')
    .send('{}')
    .expect(415);
  assert.equal(res.body.error.code, 'UNSUPPORTED_MEDIA_TYPE');
});

test('in production a 500 has a generic message and no stack, and is logged', async () => {
  const { logger, lines } = captureLogger();
  // As deployed: behind one TLS-terminating proxy, which a session cookie (Secure) depends on.
  const app = await createTestApp({
    env: { NODE_ENV: 'production', TRUST_PROXY: '1' },
    logger,
    usersRepository: failingRepository,
  });
  const agent = await adminAgent(app);
  lines.length = 0;
  const res = await agent.get('/api/v1/users').set('X-Request-Id', 'trace-500').expect(500);
  assert.deepEqual(res.body, {
    error: { code: 'INTERNAL_ERROR', message: 'Internal server error' },
  });
  const errors = lines.filter((line) => line.level >= 50);
  assert.equal(errors.length, 1);
  const [logged] = errors;
  assert.equal(logged.req.id, 'trace-500');
  assert.equal(logged.res.statusCode, 500);
  assert.equal(logged.err.message, 'database exploded');
  assert.match(logged.err.stack, /database exploded/);
});

test('in development a 500 includes the message and the stack', async () => {
  const app = await createTestApp({
    env: { NODE_ENV: 'development' },
    usersRepository: failingRepository,
  });
  const res = await (await adminAgent(app)).get('/api/v1/users').expect(500);
  assert.equal(res.body.error.code, 'INTERNAL_ERROR');
  assert.equal(res.body.error.message, 'database exploded');
  assert.match(res.body.error.stack, /^Error: database exploded\n\s+at /);
});

test('in test a 500 includes the message but no stack', async () => {
  const app = await createTestApp({ usersRepository: failingRepository });
  const res = await (await adminAgent(app)).get('/api/v1/users').expect(500);
  assert.deepEqual(res.body, { error: { code: 'INTERNAL_ERROR', message: 'database exploded' } });
});

test('the error handler leaves an already started response to Express', () => {
  const error = new Error('late failure');
  let forwarded;
  const res = {
    headersSent: true,
    status: () => assert.fail('must not set a status'),
    json: () => assert.fail('must not send a body'),
  };
  errorHandler({ env: 'production' })(error, {}, res, (err) => (forwarded = err));
  assert.equal(forwarded, error);
});

test('an outage after the response began closes the connection, logging nothing', () => {
  const outage = Object.assign(new AppError(503, 'SERVICE_UNAVAILABLE', 'Try again'), {
    retryAfter: 5,
  });
  let destroyed = false;
  const req = { socket: { destroy: () => (destroyed = true) } };
  const res = { headersSent: true };
  errorHandler({ env: 'production' })(outage, req, res, () => assert.fail('left to Express'));
  assert.equal(destroyed, true);
});
