import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDependencies } from '../src/dependencies.js';
import { createLogger } from '../src/logger.js';

// Tests never read the developer's environment: anything not set here or by a test is a default.
const TEST_ENV = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
};

const PROJECT_ROOT = new URL('..', import.meta.url);

export async function createTestApp({ env, ...overrides } = {}) {
  const config = loadConfig({ ...TEST_ENV, ...env });
  return createApp({ ...(await createDependencies(config)), ...overrides });
}

// A logger whose JSON lines are collected, to assert on what is (and is not) logged.
export function captureLogger() {
  const lines = [];
  const logger = createLogger(
    { logLevel: 'info' },
    { write: (line) => lines.push(JSON.parse(line)) },
  );
  return { logger, lines };
}

// Runs src/server.js as `npm start` would, on a free port, and reads its JSON log lines.
export function spawnServer(env = {}) {
  const child = spawn(process.execPath, ['src/server.js'], {
    cwd: PROJECT_ROOT,
    env: { ...TEST_ENV, LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', ...env },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    child,
    exited,
    async waitForLog(message) {
      for (let next = await lines.next(); !next.done; next = await lines.next()) {
        const entry = JSON.parse(next.value);
        if (entry.msg === message) return entry;
      }
      throw new Error(`server exited before logging "${message}": ${stderr}`);
    },
  };
}
