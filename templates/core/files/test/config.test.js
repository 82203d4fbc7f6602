import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';

test('defaults apply when nothing is set', () => {
  assert.deepEqual(loadConfig({}), {
    nodeEnv: 'development',
    port: 3000,
    host: '0.0.0.0',
    logLevel: 'info',
    corsOrigins: [],
    trustProxy: 0,
    bodyLimit: '100kb',
    rateLimitWindowMs: 60_000,
    rateLimitMax: 100,
    shutdownTimeoutMs: 10_000,
  });
});

test('values are parsed from strings, and empty values count as unset', () => {
  const config = loadConfig({
    NODE_ENV: 'production',
    PORT: '8080',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    CORS_ORIGINS: 'https://app.example.com/, http://localhost:5173',
    TRUST_PROXY: '1',
    BODY_LIMIT: '',
    RATE_LIMIT_WINDOW_MS: '1000',
    RATE_LIMIT_MAX: '5',
    SHUTDOWN_TIMEOUT_MS: '500',
  });
  assert.equal(config.port, 8080);
  assert.deepEqual(config.corsOrigins, ['https://app.example.com', 'http://localhost:5173']);
  assert.equal(config.trustProxy, 1);
  assert.equal(config.bodyLimit, '100kb');
  assert.equal(config.rateLimitMax, 5);
});

test('the configuration is frozen', () => {
  const config = loadConfig({});
  assert.ok(Object.isFrozen(config));
  assert.throws(() => {
    config.port = 1;
  }, TypeError);
});

test('every invalid value is reported in one ConfigError', () => {
  const env = {
    NODE_ENV: 'staging',
    PORT: '70000',
    LOG_LEVEL: 'verbose',
    CORS_ORIGINS: 'ftp://files.example.com',
    TRUST_PROXY: 'true',
    BODY_LIMIT: 'huge',
    RATE_LIMIT_WINDOW_MS: '0',
    RATE_LIMIT_MAX: '-1',
    SHUTDOWN_TIMEOUT_MS: 'soon',
  };
  const error = assertThrowsConfigError(() => loadConfig(env));
  const [heading, ...problems] = error.message.split('\n');
  assert.equal(heading, 'Invalid configuration:');
  assert.deepEqual(
    problems.map((line) => line.match(/^ {2}- ([\w.]+): ./)[1]),
    [
      'NODE_ENV',
      'PORT',
      'LOG_LEVEL',
      'CORS_ORIGINS.0',
      'TRUST_PROXY',
      'BODY_LIMIT',
      'RATE_LIMIT_WINDOW_MS',
      'RATE_LIMIT_MAX',
      'SHUTDOWN_TIMEOUT_MS',
    ],
  );
});

function assertThrowsConfigError(fn) {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${error}`);
    return error;
  }
  assert.fail('expected a ConfigError');
}
