import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { effectOf, operationsOf } from './describe.js';

const { name, version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url)));

// The one shape of every error answer (src/middlewares/errors/errorHandler.js).
const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    stack: z.string().optional(),
  }),
});

// Whatever route a request reaches, an unexpected failure answers 500.
const ALWAYS = { 500: 'INTERNAL_ERROR: something unexpected failed' };

// The OpenAPI 3.1 document of every described router mounted on the app, walked in the order of
// the pipeline so that each operation gets the effects of the middleware in front of it.
export function createOpenApiDocument(app) {
  const document = {
    openapi: '3.1.1',
    info: { title: name, version },
    paths: {},
    components: { securitySchemes: {} },
  };
  const inFront = [];
  for (const layer of app.router.stack) {
    const operations = operationsOf(layer.handle);
    if (operations) addOperations(document, layer.rawPath, layer.handle, operations, inFront);
    else if (!layer.route) inFront.push(layer.handle);
  }
  // Without sign-in there is nothing to authorize, and docs pages offer to when schemes exist.
  if (Object.keys(document.components.securitySchemes).length === 0) delete document.components;
  return document;
}

function addOperations(document, mountPath, router, operations, inFront) {
  for (const [key, operation] of Object.entries(operations)) {
    const [method, path] = key.split(' ');
    const middleware = [...inFront, ...middlewareOf(router, method, path)];
    const effects = middleware.map((handle) => effectOf(handle, method)).filter(Boolean);
    const item = (document.paths[toOpenApiPath(joinPaths(mountPath, path))] ??= {});
    item[method.toLowerCase()] = toOperation(operation, effects, document.components);
  }
}

// The router's own middleware up to the route, then the route's: guards, validation, handlers.
function middlewareOf(router, method, path) {
  const handles = [];
  for (const layer of router.stack) {
    if (!layer.route) handles.push(layer.handle);
    else if (layer.route.path === path && layer.route.methods[method.toLowerCase()]) {
      return [...handles, ...layer.route.stack.map((routeLayer) => routeLayer.handle)];
    }
  }
  return handles;
}

function toOperation(operation, effects, components) {
  const { summary, tags, responses } = operation;
  const request = Object.assign({}, ...effects.map((effect) => effect.request));
  const security = effects.find((effect) => effect.security)?.security;
  for (const effect of effects) Object.assign(components.securitySchemes, effect.securitySchemes);
  const errors = [ALWAYS, ...effects.map((effect) => effect.errors), operation.errors];
  return {
    summary,
    tags,
    ...(security && { security }),
    parameters: [...toParameters(request.params, 'path'), ...toParameters(request.query, 'query')],
    ...(request.body && { requestBody: toRequestBody(request.body) }),
    responses: { ...toResponses(responses), ...toErrorResponses(errors) },
  };
}

function toParameters(schema, location) {
  if (!schema) return [];
  const { properties, required = [] } = toJsonSchema(schema, 'input');
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.includes(name),
    schema: property,
  }));
}

// The JSON and urlencoded parsers both fill req.body, so both media types are accepted.
function toRequestBody(schema) {
  const content = { schema: toJsonSchema(schema, 'input') };
  return {
    required: true,
    content: { 'application/json': content, 'application/x-www-form-urlencoded': content },
  };
}

function toResponses(responses) {
  return Object.fromEntries(
    Object.entries(responses).map(([status, { description, schema, headers }]) => [
      status,
      {
        description,
        ...(headers && { headers: toHeaders(headers) }),
        ...(schema && {
          content: { 'application/json': { schema: toJsonSchema(schema, 'output') } },
        }),
      },
    ]),
  );
}

function toHeaders(headers) {
  return Object.fromEntries(
    Object.entries(headers).map(([header, description]) => [
      header,
      { description, schema: { type: 'string' } },
    ]),
  );
}

// Several middleware may answer the same status (403 FORBIDDEN and CSRF_INVALID): one response
// lists them all.
function toErrorResponses(errors) {
  const byStatus = {};
  for (const [status, description] of errors.flatMap((error) => Object.entries(error ?? {}))) {
    (byStatus[status] ??= new Set()).add(description);
  }
  const schema = toJsonSchema(errorBody, 'output');
  return Object.fromEntries(
    Object.entries(byStatus).map(([status, descriptions]) => [
      status,
      { description: [...descriptions].join('; '), content: { 'application/json': { schema } } },
    ]),
  );
}

function toJsonSchema(schema, io) {
  const jsonSchema = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  // The document states its dialect once; each schema need not.
  delete jsonSchema.$schema;
  return jsonSchema;
}

function joinPaths(mountPath, path) {
  return `${mountPath}${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
}

// Express writes /users/:id, OpenAPI /users/{id}.
function toOpenApiPath(path) {
  return path.replace(/:(\w+)/g, '{$1}');
}
