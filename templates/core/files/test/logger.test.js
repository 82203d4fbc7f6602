import assert from 'node:assert/strict';
import { test } from 'node:test';
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
