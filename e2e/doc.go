// Package e2e tests what scaffold promises its users, end to end. With the build tag e2e it builds
// the real scaffold binary, generates projects, installs them with npm and runs what their users
// would: lint, the format check, their own tests against real PostgreSQL and Redis, and the
// server itself, for every feature set the catalog can resolve. It needs Node.js 26 first on PATH,
// psql and redis-cli, and the services DATABASE_URL and REDIS_URL name (see .ci/run, which sets
// all of that up); it fails rather than skips without them.
//
// Without the tag the package holds only the pure parts those tests use (enumerating feature
// sets, reading node --test summaries, checking a project's imports against its package.json),
// with unit tests that need neither Node.js nor any service.
package e2e
