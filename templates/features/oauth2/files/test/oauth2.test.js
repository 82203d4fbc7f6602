import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { Events, OAuth2Server } from 'oauth2-mock-server';
import request from 'supertest';
import { createOidcClient } from '../src/auth/oauth2/oidcClient.js';
import { createLogger } from '../src/logger.js';
import { captureLogger, configErrorFor, createTestApp, dependenciesOf } from './helpers.js';

const REDIRECT_URI = 'http://127.0.0.1/auth/oauth2/callback';
const logger = createLogger({ logLevel: 'silent' });

// A real OpenID Connect provider on a free port, signing its tokens with its own RSA key. Every
// sign-in is the same person, a new one per provider, with an email of their own.
async function startProvider(t) {
  const provider = new OAuth2Server();
  await provider.issuer.keys.generate('RS256');
  await provider.start(0, '127.0.0.1');
  t.after(() => provider.stop());
  const person = {
    sub: randomUUID(),
    email: `oidc-${randomUUID()}@example.com`,
    name: 'Olive Idc',
    email_verified: true,
  };
  provider.service.on(Events.BeforeTokenSigning, (token) => {
    Object.assign(token.payload, person);
  });
  return { provider, person };
}

// The provider speaks plain http, which only this test-only option allows.
function oidcFor(provider, options = { allowInsecureRequests: true }) {
  const config = {
    oauth2IssuerUrl: provider.issuer.url,
    oauth2ClientId: 'scaffold-test',
    oauth2RedirectUri: REDIRECT_URI,
    oauth2Scopes: 'openid email profile',
  };
  return createOidcClient(config, { logger, ...options });
}

// Plays the browser: /login sends it to the provider, whose authorize endpoint sends it back to the
// callback with a code. Returns the callback's path and query, for the app to answer.
async function authorize(agent) {
  const login = await agent.get('/auth/oauth2/login').expect(302);
  const authorizeUrl = new URL(login.headers.location);
  assert.equal(authorizeUrl.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(authorizeUrl.searchParams.get('redirect_uri'), REDIRECT_URI);
  for (const name of ['code_challenge', 'state', 'nonce']) {
    assert.ok(authorizeUrl.searchParams.get(name), `${name} is sent`);
  }
  const answer = await fetch(authorizeUrl, { redirect: 'manual' });
  assert.equal(answer.status, 302);
  const callback = new URL(answer.headers.get('location'));
  assert.equal(`${callback.origin}${callback.pathname}`, REDIRECT_URI);
  return { login, callback: `${callback.pathname}${callback.search}` };
}

function sidCookie(res) {
  return (res.headers['set-cookie'] ?? []).find((header) => header.startsWith('sid='));
}

function sidOf(res) {
  return sidCookie(res)?.split(';')[0];
}

function lifetimeOf(res) {
  return Date.parse(/Expires=([^;]+)/.exec(sidCookie(res))[1]) - Date.now();
}

test('signing in through the provider creates the user and a new session', async (t) => {
  const { provider, person } = await startProvider(t);
  const app = await createTestApp({ oidc: oidcFor(provider) });
  const agent = request.agent(app);

  const { login, callback } = await authorize(agent);
  const res = await agent.get(callback).expect(302);
  assert.equal(res.headers.location, '/');
  assert.ok(sidOf(login), 'the sign-in in progress is kept in a session');
  assert.notEqual(sidOf(res), sidOf(login), 'signing in gives a new session id');
  assert.ok(lifetimeOf(login) <= 10 * 60 * 1000, 'an unfinished sign-in expires soon');
  assert.ok(lifetimeOf(res) > 60 * 60 * 1000, 'the signed-in session lasts SESSION_TTL');
  await request(app).get('/api/v1/me').set('Cookie', sidOf(login)).expect(401);

  const me = await agent.get('/api/v1/me').expect(200);
  assert.equal(me.body.email, person.email);
  assert.equal(me.body.name, person.name);
  assert.equal(me.body.role, 'user');
});

test('a second sign-in finds the same user again', async (t) => {
  const { provider, person } = await startProvider(t);
  const app = await createTestApp({ oidc: oidcFor(provider) });

  const first = request.agent(app);
  await first.get((await authorize(first)).callback).expect(302);
  const { body: user } = await first.get('/api/v1/me').expect(200);

  const second = request.agent(app);
  await second.get((await authorize(second)).callback).expect(302);
  const { body: again } = await second.get('/api/v1/me').expect(200);
  assert.equal(again.id, user.id);
  const { usersRepository } = dependenciesOf(app);
  assert.equal((await usersRepository.findByEmail(person.email)).id, user.id);
});

test('signing in again through the provider ends the session signed in before', async (t) => {
  const { provider } = await startProvider(t);
  const app = await createTestApp({ oidc: oidcFor(provider) });
  const agent = request.agent(app);
  const first = sidOf(await agent.get((await authorize(agent)).callback).expect(302));
  const ended = [];
  dependenciesOf(app).sessionEnds.onEnded((sessionId) => ended.push(sessionId));

  const second = sidOf(await agent.get((await authorize(agent)).callback).expect(302));
  assert.notEqual(second, first);
  await request(app).get('/api/v1/me').set('Cookie', first).expect(401);
  await agent.get('/api/v1/me').expect(200);
  const firstId = decodeURIComponent(first.slice('sid='.length)).slice(2).split('.')[0];
  assert.deepEqual(ended, [firstId]);
});

test('an identity whose user was deleted signs in as a new user', async (t) => {
  const { provider } = await startProvider(t);
  const app = await createTestApp({ oidc: oidcFor(provider) });
  const first = request.agent(app);
  await first.get((await authorize(first)).callback).expect(302);
  const { body: deleted } = await first.get('/api/v1/me').expect(200);
  await dependenciesOf(app).usersRepository.remove(deleted.id);

  const second = request.agent(app);
  await second.get((await authorize(second)).callback).expect(302);
  const { body: user } = await second.get('/api/v1/me').expect(200);
  assert.notEqual(user.id, deleted.id);
  assert.equal(user.email, deleted.email);
});

test('an email that belongs to a local account is not taken over', async (t) => {
  const { provider, person } = await startProvider(t);
  const app = await createTestApp({ oidc: oidcFor(provider) });
  const { accounts } = dependenciesOf(app);
  await accounts.register({ email: person.email, password: randomUUID(), name: 'Local' });
  const agent = request.agent(app);
  const res = await agent.get((await authorize(agent)).callback).expect(409);
  assert.equal(res.body.error.code, 'CONFLICT');
  await agent.get('/api/v1/me').expect(401);
});

test('an email the provider has not verified creates no account and blocks nobody', async (t) => {
  const { provider, person } = await startProvider(t);
  const app = await createTestApp({ oidc: oidcFor(provider) });
  for (const emailVerified of [false, undefined, 'true']) {
    person.email_verified = emailVerified;
    const agent = request.agent(app);
    const res = await agent.get((await authorize(agent)).callback).expect(401);
    assert.equal(res.body.error.code, 'UNAUTHORIZED');
    await agent.get('/api/v1/me').expect(401);
  }
  assert.equal(await dependenciesOf(app).usersRepository.findByEmail(person.email), null);
  await request(app)
    .post('/api/v1/auth/register')
    .send({ email: person.email, password: randomUUID(), name: 'The Owner' })
    .expect(201);
});

test('claims are validated: a bad email is refused, a name that is not text left out', async (t) => {
  const { provider, person } = await startProvider(t);
  const app = await createTestApp({ oidc: oidcFor(provider) });
  for (const email of ['not-an-email', `${'a'.repeat(5000)}@example.com`]) {
    person.email = email;
    const agent = request.agent(app);
    const res = await agent.get((await authorize(agent)).callback).expect(401);
    assert.equal(res.body.error.code, 'UNAUTHORIZED');
  }
  person.email = `oidc-${randomUUID()}@example.com`;
  person.name = { first: 'Olive' };
  const agent = request.agent(app);
  await agent.get((await authorize(agent)).callback).expect(302);
  const { body: user } = await agent.get('/api/v1/me').expect(200);
  assert.equal(user.email, person.email);
  assert.equal(user.name, person.email.split('@')[0]);
});

test('the request log keeps the query of the callback out, whatever it holds', async (t) => {
  const { provider } = await startProvider(t);
  // Providers may add parameters of their own to the code and state.
  provider.service.on(Events.BeforeAuthorizeRedirect, ({ url }) => {
    url.searchParams.set('hint', 'provider-opaque-value');
  });
  const { logger, lines } = captureLogger();
  const agent = request.agent(await createTestApp({ oidc: oidcFor(provider), logger }));
  const { callback } = await authorize(agent);
  await agent.get(callback).expect(302);
  const query = new URL(callback, 'http://localhost').searchParams;
  for (const name of ['code', 'state', 'hint']) {
    assert.ok(!JSON.stringify(lines).includes(query.get(name)), `the ${name} is not logged`);
  }
  const logged = lines.find((line) => line.req?.url.startsWith('/auth/oauth2/callback'));
  assert.equal(
    logged.req.url,
    '/auth/oauth2/callback?code=[Redacted]&state=[Redacted]&hint=[Redacted]',
  );
});

test('a callback with another state is rejected', async (t) => {
  const { provider } = await startProvider(t);
  const agent = request.agent(await createTestApp({ oidc: oidcFor(provider) }));
  const { callback } = await authorize(agent);
  const forged = callback.replace(/state=[^&]+/, 'state=forged');
  const res = await agent.get(forged).expect(400);
  assert.equal(res.body.error.code, 'OAUTH2_INVALID_STATE');
  // The sign-in in progress was used up by the failed attempt.
  await agent.get(callback).expect(400);
});

test('a callback without the session that holds the PKCE verifier is rejected', async (t) => {
  const { provider } = await startProvider(t);
  const app = await createTestApp({ oidc: oidcFor(provider) });
  const { callback } = await authorize(request.agent(app));
  const res = await request(app).get(callback).expect(400);
  assert.equal(res.body.error.code, 'OAUTH2_INVALID_STATE');
});

test('a callback is used once', async (t) => {
  const { provider } = await startProvider(t);
  const agent = request.agent(await createTestApp({ oidc: oidcFor(provider) }));
  const { callback } = await authorize(agent);
  await agent.get(callback).expect(302);
  const res = await agent.get(callback).expect(400);
  assert.equal(res.body.error.code, 'OAUTH2_INVALID_STATE');
});

test('an ID token with another nonce is rejected', async (t) => {
  const { provider } = await startProvider(t);
  provider.service.on(Events.BeforeTokenSigning, (token) => {
    if ('nonce' in token.payload) token.payload.nonce = 'replayed';
  });
  const agent = request.agent(await createTestApp({ oidc: oidcFor(provider) }));
  const res = await agent.get((await authorize(agent)).callback).expect(401);
  assert.equal(res.body.error.code, 'UNAUTHORIZED');
  await agent.get('/api/v1/me').expect(401);
});

test('an ID token with a tampered signature is rejected', async (t) => {
  const { provider } = await startProvider(t);
  provider.service.on(Events.BeforeResponse, (response) => {
    const [header, payload, signature] = response.body.id_token.split('.');
    const flipped = signature[10] === 'A' ? 'B' : 'A';
    const tampered = `${signature.slice(0, 10)}${flipped}${signature.slice(11)}`;
    response.body.id_token = [header, payload, tampered].join('.');
  });
  const agent = request.agent(await createTestApp({ oidc: oidcFor(provider) }));
  const res = await agent.get((await authorize(agent)).callback).expect(401);
  assert.equal(res.body.error.code, 'UNAUTHORIZED');
});

test('an error from the provider answers 401, never 500', async (t) => {
  const { provider } = await startProvider(t);
  provider.service.on(Events.BeforeAuthorizeRedirect, ({ url }) => {
    url.searchParams.delete('code');
    url.searchParams.set('error', 'access_denied');
  });
  const agent = request.agent(await createTestApp({ oidc: oidcFor(provider) }));
  const res = await agent.get((await authorize(agent)).callback).expect(401);
  assert.equal(res.body.error.code, 'UNAUTHORIZED');
});

test('a refused code exchange answers 401', async (t) => {
  const { provider } = await startProvider(t);
  provider.service.on(Events.BeforeResponse, (response) => {
    response.statusCode = 400;
    response.body = { error: 'invalid_grant' };
  });
  const agent = request.agent(await createTestApp({ oidc: oidcFor(provider) }));
  const res = await agent.get((await authorize(agent)).callback).expect(401);
  assert.equal(res.body.error.code, 'UNAUTHORIZED');
});

test('an unreachable provider answers 503 and is tried again on the next sign-in', async (t) => {
  const { provider } = await startProvider(t);
  const oidc = oidcFor(provider);
  const app = await createTestApp({ oidc });
  const { port } = provider.address();
  await provider.stop();
  const res = await request(app).get('/auth/oauth2/login').expect(503);
  assert.equal(res.body.error.code, 'OAUTH2_UNAVAILABLE');
  await provider.start(port, '127.0.0.1');
  await request(app).get('/auth/oauth2/login').expect(302);
});

test('a plain-http issuer is refused without the test-only option', async (t) => {
  const { provider } = await startProvider(t);
  const app = await createTestApp({ oidc: oidcFor(provider, {}) });
  const res = await request(app).get('/auth/oauth2/login').expect(503);
  assert.equal(res.body.error.code, 'OAUTH2_UNAVAILABLE');
  assert.match(
    configErrorFor({ OAUTH2_ISSUER_URL: provider.issuer.url }).message,
    /- OAUTH2_ISSUER_URL: /,
  );
});

test('configuration refuses scopes without openid and a post-login path off this site', () => {
  for (const [env, variable] of [
    [{ OAUTH2_SCOPES: 'email profile' }, 'OAUTH2_SCOPES'],
    [{ OAUTH2_POST_LOGIN_PATH: 'https://evil.example.com/' }, 'OAUTH2_POST_LOGIN_PATH'],
    [{ OAUTH2_POST_LOGIN_PATH: '//evil.example.com/' }, 'OAUTH2_POST_LOGIN_PATH'],
    [{ OAUTH2_POST_LOGIN_PATH: '/\\evil.example.com/' }, 'OAUTH2_POST_LOGIN_PATH'],
    [{ OAUTH2_REDIRECT_URI: '/auth/oauth2/callback' }, 'OAUTH2_REDIRECT_URI'],
  ]) {
    assert.match(configErrorFor(env).message, new RegExp(`- ${variable}: `));
  }
});

test('after signing in the browser goes to OAUTH2_POST_LOGIN_PATH', async (t) => {
  const { provider } = await startProvider(t);
  const app = await createTestApp({
    env: { OAUTH2_POST_LOGIN_PATH: '/app/home' },
    oidc: oidcFor(provider),
  });
  const agent = request.agent(app);
  const res = await agent.get((await authorize(agent)).callback).expect(302);
  assert.equal(res.headers.location, '/app/home');
});

test('the redirect URI is configuration, whatever the Host header says', async (t) => {
  const { provider } = await startProvider(t);
  const app = await createTestApp({ oidc: oidcFor(provider) });
  const res = await request(app)
    .get('/auth/oauth2/login')
    .set('Host', 'evil.example.com')
    .set('X-Forwarded-Host', 'evil.example.com')
    .expect(302);
  assert.equal(new URL(res.headers.location).searchParams.get('redirect_uri'), REDIRECT_URI);
});
