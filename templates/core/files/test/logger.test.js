import assert from 'node:assert/strict';
import { test } from 'node:test';
import express from 'express';
import request from 'supertest';
import { requestLogger } from '../src/middlewares/logging/requestLogger.js';
import { captureLogger } from './helpers.js';

test('secrets, cookies and authorization headers are redacted', () => {
  const { logger, lines } = captureLogger();
  logger.info(
    {
      password: 'hunter2',
      user: { email: 'ann@example.com', password: 'hunter2' },
      req: { headers: { authorization: 'Bearer abc', cookie: 'sid=abc', accept: '*/*' } },
      res: { headers: { 'set-cookie': 'sid=abc' } },
    },
    'signed in',
  );
  const [line] = lines;
  assert.equal(line.msg, 'signed in');
  assert.equal(line.password, '[Redacted]');
  assert.deepEqual(line.user, { email: 'ann@example.com', password: '[Redacted]' });
  assert.deepEqual(line.req.headers, {
    authorization: '[Redacted]',
    cookie: '[Redacted]',
    accept: '*/*',
  });
  assert.deepEqual(line.res.headers, { 'set-cookie': '[Redacted]' });
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
