const ISOLATION_LEVELS = new Set(['READ COMMITTED', 'REPEATABLE READ', 'SERIALIZABLE']);

// Runs `fn(client)` in a transaction on one connection of the pool, and returns what it returns.
// Every query that must commit or roll back together goes through that `client`. The transaction
// commits when `fn` resolves and rolls back when it throws (the error is rethrown). A connection
// that breaks, or fails even to roll back, is released with the error, so the pool destroys it
// instead of handing it to the next caller.
export async function withTransaction(pool, fn, { isolationLevel, readOnly = false } = {}) {
  const begin = ['BEGIN'];
  if (isolationLevel !== undefined) {
    if (!ISOLATION_LEVELS.has(isolationLevel)) {
      throw new TypeError(`Unknown isolation level: ${isolationLevel}`);
    }
    begin.push('ISOLATION LEVEL', isolationLevel);
  }
  if (readOnly) begin.push('READ ONLY');

  const client = await pool.connect();
  let broken;
  // A connection lost between two queries emits `error` on the client, which would otherwise
  // crash the process; the next query fails anyway.
  const markBroken = (error) => (broken = error);
  client.on('error', markBroken);
  try {
    await client.query(begin.join(' '));
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(markBroken);
    throw error;
  } finally {
    client.off('error', markBroken);
    client.release(broken);
  }
}
