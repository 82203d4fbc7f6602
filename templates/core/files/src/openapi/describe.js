// Routers and middleware describe what they do next to the code that does it; the OpenAPI
// document (document.js) reads those descriptions while it walks the app.
const routerOperations = new WeakMap();
const middlewareEffects = new WeakMap();

// Operations a router answers, keyed by "METHOD /path" relative to where the router is mounted:
// { summary, tags, responses: { [status]: { description, schema?, headers? } },
//   errors?: { [status]: description } }. Request schemas come from validate(), security and the
// errors of access rules from the middleware in front of each route.
export function describeRoutes(router, operations) {
  routerOperations.set(router, operations);
  return router;
}

export function operationsOf(router) {
  return routerOperations.get(router);
}

// What a middleware adds to the operations behind it, for a request method: any of
// { request: { body, query, params }, security, securitySchemes, errors: { [status]: description } }.
export function describeMiddleware(middleware, effectFor) {
  middlewareEffects.set(middleware, effectFor);
  return middleware;
}

export function effectOf(middleware, method) {
  return middlewareEffects.get(middleware)?.(method);
}
