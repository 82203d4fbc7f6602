import { once } from 'node:events';
import { createServer } from 'node:http';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createDependencies } from './dependencies.js';

const config = loadConfigOrExit();
const dependencies = await createDependencies(config);
const { logger } = dependencies;
const server = createServer(createApp(dependencies));
let shuttingDown = false;

// A keep-alive connection would hold shutdown open until it times out, so once shutdown has begun
// each connection is closed as soon as its response has been sent.
server.on('request', (req, res) => {
  res.once('finish', () => shuttingDown && server.closeIdleConnections());
});

process.on('unhandledRejection', (reason) => crash(reason, 'unhandled rejection'));
process.on('uncaughtException', (error) => crash(error, 'uncaught exception'));
// `once`: a second signal of the same kind gets Node's default and ends the process at once.
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

server.listen(config.port, config.host);
await once(server, 'listening');
logger.info({ host: config.host, port: server.address().port }, 'server listening');

function loadConfigOrExit() {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // The message already lists every problem; a stack trace would only hide it.
    console.error(error.message);
    process.exit(1);
  }
}

async function shutdown(signal) {
  if (shuttingDown) return;
  shuttingDown = true;
  // Stop accepting connections; the callback fires once in-flight requests have been answered.
  const closed = new Promise((resolve) => server.close(resolve));
  logger.info({ signal }, 'shutting down');
  setTimeout(() => {
    logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out');
    process.exit(1);
  }, config.shutdownTimeoutMs).unref();
  await closed;
  await dependencies.close();
  logger.info('shutdown complete');
  process.exit(0);
}

// State is unknown after either of these: log, and let the orchestrator start a fresh process.
function crash(error, message) {
  logger.fatal({ err: error }, message);
  process.exit(1);
}
