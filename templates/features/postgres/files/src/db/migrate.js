import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';

// Applies the pending migrations in migrations/ to DATABASE_URL: `npm run migrate` (which reads
// .env) and, before the tests, `npm test`. Instances that start at the same time wait for each
// other's run rather than fail; `npx node-pg-migrate` gives the other commands (create, down).
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is not set: it names the database to migrate');
  process.exit(1);
}

try {
  await runner({
    databaseUrl,
    dir: fileURLToPath(new URL('../../migrations', import.meta.url)),
    migrationsTable: 'pgmigrations',
    direction: 'up',
    advisoryLockMode: 'wait',
  });
} catch (error) {
  console.error(`Migration failed: ${error.message}`);
  process.exit(1);
}
