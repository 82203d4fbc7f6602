import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Test } from 'supertest';
import { createOpenApiDocument } from '../src/openapi/document.js';

const ajv = addFormats(new Ajv2020({ strict: false }));
const documents = new WeakMap();
const validators = new WeakMap();

// Every response a test receives from an operation of the OpenAPI document must be one the
// operation documents: its status, and its JSON body against that status's schema. A mismatch
// fails the request as a failed .expect() would, so the document cannot drift from the service.
export function checkResponsesAgainstDocument() {
  const assertResponse = Test.prototype.assert;
  Test.prototype.assert = function assertDocumented(error, res, fn) {
    const app = expressAppOf(this.app);
    const mismatch = res && app && undocumented(app, this, res);
    if (mismatch) return fn?.call(this, mismatch, res);
    return assertResponse.call(this, error, res, fn);
  };
}

// Supertest wraps an app in an http.Server; a test that calls a URL has no app to check against.
function expressAppOf(target) {
  const app = typeof target === 'function' ? target : target?.listeners?.('request')[0];
  return app?.router ? app : undefined;
}

function undocumented(app, req, res) {
  const document = documentOf(app);
  const { pathname } = new URL(req.url);
  const operation = findOperation(document, req.method.toLowerCase(), pathname);
  if (!operation) return undefined;
  const where = `${req.method} ${pathname} answered ${res.status}`;
  const response = operation.responses[res.status];
  if (!response) return new Error(`${where}, which its OpenAPI operation does not document`);
  const schema = response.content?.['application/json']?.schema;
  if (!schema || !res.type?.includes('json')) return undefined;
  const validate = validatorOf(schema);
  if (validate(res.body)) return undefined;
  return new Error(
    `${where} with a body its OpenAPI schema refuses: ${ajv.errorsText(validate.errors)}`,
  );
}

function documentOf(app) {
  if (!documents.has(app)) documents.set(app, createOpenApiDocument(app));
  return documents.get(app);
}

function validatorOf(schema) {
  if (!validators.has(schema)) validators.set(schema, ajv.compile(schema));
  return validators.get(schema);
}

function findOperation(document, method, pathname) {
  for (const [path, item] of Object.entries(document.paths)) {
    const pattern = new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`);
    if (item[method] && pattern.test(pathname)) return item[method];
  }
  return undefined;
}
