// Logs a dependency's outage once when it starts and once when it ends, however many
// connections, reconnection attempts and requests fail meanwhile. Each source (a connection,
// the commands sent on it) reports on its own; the outage lasts while any of them fails.
export function createOutageLog({ dependency, logger }) {
  const failing = new Set();
  let startedAt;
  return {
    failed(source, err) {
      if (failing.size === 0) {
        startedAt = performance.now();
        logger.error({ dependency, err }, `${dependency} unavailable`);
      }
      failing.add(source);
    },
    recovered(source) {
      if (!failing.delete(source) || failing.size > 0) return;
      const durationMs = Math.round(performance.now() - startedAt);
      logger.info({ dependency, durationMs }, `${dependency} available again`);
    },
  };
}
