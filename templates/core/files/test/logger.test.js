import assert from 'node:assert/strict';
import { test } from 'node:test';
import express from 'express';
import request from 'supertest';
import { requestLogger } from '../src/middlewares/logging/requestLogger.js';
import { captureLogger } from './helpers.js';

test('secrets are redacted, and requests and responses are logged without headers', () => {
  const { logger, lines } = captureLogger();
  logger.info(
    {
      password: 'hunter2',
      user: { email: 'ann@example.com', password: 'hunter2' },
      req: {
        id: 'r-1',
        method: 'GET',
        url: '/me?access_token=t0ken',
        headers: { authorization: 'Bearer abc', cookie: 'sid=abc', 'x-api-key': 'k3y' },
      },
      res: { statusCode: 200, headers: { 'set-cookie': 'sid=abc' } },
    },
    'signed in',
  );
  logger.info({ req: null, res: 'sent' }, 'not a request');
  const [line, other] = lines;
  assert.equal(line.msg, 'signed in');
  assert.equal(line.password, '[Redacted]');
  assert.deepEqual(line.user, { email: 'ann@example.com', password: '[Redacted]' });
  assert.deepEqual(line.req, { id: 'r-1', method: 'GET', url: '/me?access_token=[Redacted]' });
  assert.deepEqual(line.res, { statusCode: 200 });
  assert.equal(other.req, null);
  assert.equal(other.res, 'sent');
});

test('request logs redact tokens in the query string, and all of an OAuth2 callback', async () => {
  const { logger, lines } = captureLogger();
  const app = express()
    .use(requestLogger(logger))
    .get('/*splat', (req, res) => res.end());
  await request(app).get('/search?q=ann&access_token=t0ken&page=2');
  await request(app).get('/callback?State=st4te&code=c0de&iss=https%3A%2F%2Fid.example.com');
  assert.deepEqual(
    lines.map((line) => line.req.url),
    [
      '/search?q=ann&access_token=[Redacted]&page=2',
      '/callback?State=[Redacted]&code=[Redacted]&iss=[Redacted]',
    ],
  );
});
