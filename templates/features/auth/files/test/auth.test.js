import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import request from 'supertest';
import { createAccounts } from '../src/auth/accounts.js';
import { ensureConfiguredAdmin } from '../src/auth/configuredAdmin.js';
import { hashPassword, needsRehash, verifyPassword } from '../src/auth/passwords.js';
import { requireRole, requireRoleForWrites } from '../src/middlewares/auth/requireRole.js';
import {
  adminAgent,
  captureLogger,
  createTestApp,
  createTestDependencies,
  dependenciesOf,
} from './helpers.js';

const PASSWORD = 'correct horse battery staple';

function newUser(overrides = {}) {
  return { email: `${randomUUID()}@example.com`, password: PASSWORD, name: 'Ann', ...overrides };
}

// Runs a middleware on a fake request and resolves to what it passed to next().
function outcome(middleware, req) {
  return new Promise((resolve) => middleware(req, {}, (error) => resolve(error ?? 'next')));
}

test('register takes JSON only, so that no form on another site can post to it', async () => {
  const body = newUser();
  const res = await request(await createTestApp())
    .post('/api/v1/auth/register')
    .type('form')
    .send(body)
    .expect(415);
  assert.equal(res.body.error.code, 'UNSUPPORTED_MEDIA_TYPE');
});

test('a password hash is salted, records its parameters and verifies only its password', async () => {
  const pattern = /^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;
  assert.match(await hashPassword(PASSWORD), pattern);
  const first = await hashPassword(PASSWORD, 10);
  const second = await hashPassword(PASSWORD, 10);
  assert.notEqual(first, second);
  assert.equal(await verifyPassword(PASSWORD, first), true);
  assert.equal(await verifyPassword(PASSWORD, second), true);
  assert.equal(await verifyPassword(`${PASSWORD}!`, first), false);
  assert.equal(await verifyPassword('', first), false);
  assert.equal(needsRehash(first, 10), false);
  assert.equal(needsRehash(first), true, 'the default cost is higher');
});

test('an unreadable or altered password hash never verifies', async () => {
  for (const stored of [null, '', 'plain text', '$scrypt$ln=99,r=8,p=1$AAAA$AAAA', '$2b$10$x']) {
    assert.equal(await verifyPassword(PASSWORD, stored), false, String(stored));
    assert.equal(needsRehash(stored), true);
  }
  const altered = (await hashPassword(PASSWORD, 10)).replace('ln=10', 'ln=11');
  assert.equal(await verifyPassword(PASSWORD, altered), false, 'parameters are part of the hash');
});

test('register answers 201 with the user as role user, and never a password or hash', async () => {
  const app = await createTestApp();
  const body = newUser({ name: '  Ann  ' });
  const res = await request(app).post('/api/v1/auth/register').send(body).expect(201);
  assert.match(res.body.id, /^[0-9a-f-]{36}$/);
  assert.equal(res.body.email, body.email);
  assert.equal(res.body.name, 'Ann');
  assert.equal(res.body.role, 'user');
  assert.doesNotMatch(res.text, /password|hash|scrypt/i);
  assert.doesNotMatch(
    JSON.stringify(await dependenciesOf(app).usersRepository.findById(res.body.id)),
    /scrypt/,
  );
});

test('register answers 409 CONFLICT when the email is taken, whatever its case', async () => {
  const app = await createTestApp();
  const body = newUser();
  await request(app).post('/api/v1/auth/register').send(body).expect(201);
  const res = await request(app)
    .post('/api/v1/auth/register')
    .send({ ...body, email: body.email.toUpperCase() })
    .expect(409);
  assert.equal(res.body.error.code, 'CONFLICT');
});

test('register refuses a short password, a missing name and a role it was not asked for', async () => {
  const app = await createTestApp();
  for (const [body, path] of [
    [newUser({ password: 'short' }), 'body.password'],
    [newUser({ password: 'x'.repeat(257) }), 'body.password'],
    [newUser({ name: undefined }), 'body.name'],
    [newUser({ role: 'admin' }), 'body'],
  ]) {
    const res = await request(app).post('/api/v1/auth/register').send(body).expect(400);
    assert.equal(res.body.error.code, 'VALIDATION_ERROR');
    assert.deepEqual(
      res.body.error.details.map((detail) => detail.path),
      [path],
    );
  }
});

test('a registration whose password cannot be stored leaves no user behind', async () => {
  const { usersRepository } = await createTestDependencies();
  const credentialsRepository = {
    savePasswordHash: async () => {
      throw new Error('disk full');
    },
  };
  const accounts = createAccounts({ usersRepository, credentialsRepository, hashCost: 10 });
  const body = newUser();
  await assert.rejects(accounts.register(body), /disk full/);
  assert.equal(await usersRepository.findByEmail(body.email), null);
});

test('authenticate answers the user for the right password only', async () => {
  const { accounts } = await createTestDependencies();
  const body = newUser();
  const user = await accounts.register(body);
  assert.deepEqual(await accounts.authenticate(body.email, PASSWORD), user);
  assert.deepEqual(await accounts.authenticate(body.email.toUpperCase(), PASSWORD), user);
  assert.equal(await accounts.authenticate(body.email, 'wrong password!'), null);
  assert.equal(await accounts.authenticate(`${randomUUID()}@example.com`, PASSWORD), null);
});

test('an unknown email costs about as much time as a wrong password', async () => {
  // At the production cost, against which an answer without hashing would stand out.
  const { accounts } = await createTestDependencies({ PASSWORD_HASH_COST: '15' });
  const body = newUser();
  await accounts.register(body);
  const fastest = async (attempt) => {
    let best = Infinity;
    for (let i = 0; i < 3; i += 1) {
      const started = performance.now();
      await attempt();
      best = Math.min(best, performance.now() - started);
    }
    return best;
  };
  const wrongPassword = await fastest(() => accounts.authenticate(body.email, 'wrong password!'));
  const unknownEmail = await fastest(() =>
    accounts.authenticate(`${randomUUID()}@x.org`, PASSWORD),
  );
  // Without the decoy hash an unknown email would answer in well under a millisecond.
  assert.ok(
    unknownEmail > wrongPassword / 3,
    `unknown email ${unknownEmail} ms, wrong password ${wrongPassword} ms`,
  );
});

test('accounts hash at the configured cost and upgrade older hashes at sign-in', async () => {
  const { accounts, credentialsRepository } = await createTestDependencies({
    PASSWORD_HASH_COST: '11',
  });
  const body = newUser();
  const user = await accounts.register(body);
  assert.match(await credentialsRepository.findPasswordHash(user.id), /^\$scrypt\$ln=11,/);
  await credentialsRepository.savePasswordHash(user.id, await hashPassword(PASSWORD, 10));
  assert.equal((await accounts.authenticate(body.email, PASSWORD)).id, user.id);
  assert.match(await credentialsRepository.findPasswordHash(user.id), /^\$scrypt\$ln=11,/);
});

test('ensureAdmin creates an administrator with the password', async () => {
  const { accounts } = await createTestDependencies();
  const created = await accounts.ensureAdmin(`${randomUUID()}@example.com`, PASSWORD);
  assert.equal(created.role, 'admin');
  assert.equal((await accounts.authenticate(created.email, PASSWORD)).role, 'admin');
  const again = await accounts.ensureAdmin(created.email, 'the new administrator password');
  assert.equal(again.id, created.id);
  assert.equal(
    (await accounts.authenticate(created.email, 'the new administrator password')).id,
    created.id,
  );
});

// Whoever registered the address first may hold its refresh tokens and sessions: promoting the
// account would make them administrators.
test('an account registered before ADMIN_EMAIL named it is refused, never promoted', async () => {
  const { accounts, config, usersRepository } = await createTestDependencies();
  const body = newUser();
  const squatter = await accounts.register(body);
  const adminConfig = { ...config, adminEmail: body.email, adminPassword: 'the admin password' };
  const { logger } = captureLogger();
  await assert.rejects(ensureConfiguredAdmin({ config: adminConfig, accounts, logger }), {
    message:
      'the ADMIN_EMAIL account cannot be ensured: an account registered with this email exists; ' +
      'configure another ADMIN_EMAIL, or delete that account first',
  });
  assert.equal((await usersRepository.findById(squatter.id)).role, 'user');
  assert.equal((await accounts.authenticate(body.email, PASSWORD)).role, 'user');
  assert.equal(await accounts.authenticate(body.email, 'the admin password'), null);
});

test('ADMIN_EMAIL and ADMIN_PASSWORD give an administrator at start-up', async () => {
  const env = { ADMIN_EMAIL: `${randomUUID()}@example.com`, ADMIN_PASSWORD: PASSWORD };
  const { accounts, config } = await createTestDependencies(env);
  const admin = await accounts.authenticate(env.ADMIN_EMAIL, PASSWORD);
  assert.equal(admin.role, 'admin');
  // The next start-up finds the same account.
  const { logger, lines } = captureLogger();
  await ensureConfiguredAdmin({ config, accounts, logger });
  assert.equal((await accounts.authenticate(env.ADMIN_EMAIL, PASSWORD)).id, admin.id);
  assert.equal(lines[0].msg, 'administrator account ensured');
});

test('a failure to ensure the administrator stops start-up and says which step failed', async () => {
  const config = { adminEmail: `${randomUUID()}@example.com`, adminPassword: PASSWORD };
  const accounts = { ensureAdmin: () => Promise.reject(new Error('connect ECONNREFUSED')) };
  const { logger } = captureLogger();
  await assert.rejects(ensureConfiguredAdmin({ config, accounts, logger }), {
    message: 'the ADMIN_EMAIL account cannot be ensured: connect ECONNREFUSED',
  });
});

test('ADMIN_EMAIL without ADMIN_PASSWORD creates nobody and says so', async () => {
  const email = `${randomUUID()}@example.com`;
  const { accounts, config, usersRepository } = await createTestDependencies({
    ADMIN_EMAIL: email,
  });
  const { logger, lines } = captureLogger();
  await ensureConfiguredAdmin({ config, accounts, logger });
  assert.equal(await usersRepository.findByEmail(email), null);
  assert.equal(lines[0].level, 40);
  assert.match(lines[0].msg, /ADMIN_EMAIL and ADMIN_PASSWORD/);
});

test('requireRole answers 401 to nobody, 403 to the wrong role and passes the right one', async () => {
  const adminOnly = requireRole('admin', 'owner');
  assert.equal((await outcome(adminOnly, {})).status, 401);
  const forbidden = await outcome(adminOnly, { user: { id: 'u1', role: 'user' } });
  assert.equal(forbidden.status, 403);
  assert.equal(forbidden.code, 'FORBIDDEN');
  assert.equal(await outcome(adminOnly, { user: { id: 'u1', role: 'owner' } }), 'next');
});

test('requireRoleForWrites lets reads through and checks every other method', async () => {
  const writes = requireRoleForWrites('admin');
  const user = { id: 'u1', role: 'user' };
  for (const method of ['GET', 'HEAD', 'OPTIONS']) {
    assert.equal(await outcome(writes, { method, user }), 'next');
  }
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    assert.equal((await outcome(writes, { method, user })).status, 403);
  }
});

test('anonymous requests to /me, /admin and the users routes answer 401 UNAUTHORIZED', async () => {
  const app = await createTestApp();
  for (const res of [
    await request(app).get('/api/v1/me'),
    await request(app).get('/api/v1/admin/stats'),
    await request(app).get('/api/v1/users'),
    await request(app).get(`/api/v1/users/${randomUUID()}`),
    await request(app).post('/api/v1/users').send({ email: 'a@example.com', name: 'A' }),
    await request(app).delete(`/api/v1/users/${randomUUID()}`),
  ]) {
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'UNAUTHORIZED');
  }
});

test('an administrator gets /me, /admin/stats and may write users', async () => {
  const app = await createTestApp();
  const admin = await adminAgent(app);
  const me = await admin.get('/api/v1/me').expect(200);
  assert.equal(me.body.role, 'admin');
  const stats = await admin.get('/api/v1/admin/stats').expect(200);
  assert.ok(Number.isInteger(stats.body.users.total) && stats.body.users.total >= 1);
  const created = await admin
    .post('/api/v1/users')
    .send({ email: `${randomUUID()}@example.com`, name: 'Bob' })
    .expect(201);
  await admin.delete(`/api/v1/users/${created.body.id}`).expect(204);
});
