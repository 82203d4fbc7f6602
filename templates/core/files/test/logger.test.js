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

test('request logs redact codes, states and tokens in the query string', async () => {
  const { logger, lines } = captureLogger();
  const app = express()
    .use(requestLogger(logger))
    .get('/search', (req, res) => res.end());
  await request(app).get('/search?q=ann&code=c0de&State=st4te&access_token=t0ken&page=2');
  assert.equal(
    lines[0].req.url,
    '/search?q=ann&code=[Redacted]&State=[Redacted]&access_token=[Redacted]&page=2',
  );
});
