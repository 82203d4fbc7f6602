import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { METHODS } from 'node:http';
import { test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
import { createOpenApiDocument } from '../src/openapi/document.js';
import { createTestApp } from './helpers.js';

const OPERATION_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

// Every route the app answers, found by walking its router and the routers mounted on it. A
// route for every method (app.all, such as /graphql) is a protocol endpoint, not a REST operation.
function registeredOperations(app) {
  const operations = [];
  for (const layer of app.router.stack) {
    const routes = layer.route ? [['', layer.route]] : mountedRoutes(layer);
    for (const [mountPath, route] of routes) {
      if (METHODS.every((method) => route.methods[method.toLowerCase()])) continue;
      const path = toOpenApiPath(mountPath + route.path);
      const methods = Object.keys(route.methods).filter((method) => method !== 'head');
      operations.push(...methods.map((method) => `${method} ${path}`));
    }
  }
  return operations.sort();
}

function mountedRoutes(layer) {
  const stack = layer.handle.stack ?? [];
  return stack.filter((inner) => inner.route).map((inner) => [layer.rawPath, inner.route]);
}

function toOpenApiPath(path) {
  const clean = path.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  return clean.replace(/:(\w+)/g, '{$1}');
}

function documentedOperations(document) {
  return Object.entries(document.paths)
    .flatMap(([path, item]) =>
      OPERATION_METHODS.filter((method) => item[method]).map((m) => `${m} ${path}`),
    )
    .sort();
}

test('every registered route is documented, and every documented operation is registered', async () => {
  const app = await createTestApp({ env: { API_DOCS: 'true' } });
  assert.deepEqual(documentedOperations(createOpenApiDocument(app)), registeredOperations(app));
});

test('the document is valid OpenAPI 3.1', async () => {
  const document = createOpenApiDocument(await createTestApp());
  const result = await new Validator().validate(document);
  assert.deepEqual(result.errors, undefined);
  assert.equal(result.valid, true);
  assert.equal(document.openapi, '3.1.1');
});

test('GET /openapi.json answers the document, with API_DOCS on', async () => {
  const app = await createTestApp({ env: { API_DOCS: 'true' } });
  const res = await request(app).get('/openapi.json').expect(200);
  assert.deepEqual(res.body, createOpenApiDocument(app));
});

test('API_DOCS=false leaves /openapi.json and /docs unanswered', async () => {
  const app = await createTestApp({ env: { API_DOCS: 'false' } });
  await request(app).get('/openapi.json').expect(404);
  await request(app).get('/docs').expect(404);
});

test('API_DOCS is off by default in production', async () => {
  const app = await createTestApp({ env: { NODE_ENV: 'production' } });
  await request(app).get('/openapi.json').expect(404);
});

test('/docs serves Swagger UI from this origin, under a policy of its own', async () => {
  const app = await createTestApp({ env: { API_DOCS: 'true' } });
  const page = await request(app).get('/docs').expect(200).expect('Content-Type', /html/);
  assert.match(page.text, /<script src="\/docs\/swagger-ui-bundle.js"><\/script>/);
  assert.doesNotMatch(page.text, /https?:\/\//);
  const policy = page.headers['content-security-policy'];
  assert.match(policy, /script-src 'self'(;|$)/);
  assert.match(policy, /frame-ancestors 'none'/);
  await request(app)
    .get('/docs/swagger-ui-bundle.js')
    .expect(200)
    .expect('Content-Type', /javascript/);
  await request(app)
    .get('/docs/init.js')
    .expect(200)
    .expect(/openapi\.json/);
  // The rest of the API keeps the policy that allows nothing.
  const api = await request(app).get('/openapi.json').expect(200);
  assert.equal(api.headers['content-security-policy'], "default-src 'none';frame-ancestors 'none'");
});

// CI runs the tests: a committed openapi.json that no longer matches the routes fails them.
test('openapi.json, once written by npm run openapi, is up to date', async (t) => {
  const written = await readFile(new URL('../openapi.json', import.meta.url), 'utf8').catch(
    (error) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)),
  );
  if (written === undefined) return t.skip('no openapi.json yet: npm run openapi writes it');
  const app = await createTestApp({ env: { API_DOCS: 'true' } });
  assert.deepEqual(JSON.parse(written), createOpenApiDocument(app), 'run npm run openapi');
});
