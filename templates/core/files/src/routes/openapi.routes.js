import { Router } from 'express';
import { describeRoutes } from '../openapi/describe.js';
import { docsPage } from '../openapi/docsPage.js';
import { createOpenApiDocument } from '../openapi/document.js';

// API_DOCS is on unless set otherwise, except in production, where the API is not advertised.
export function apiDocsEnabled(config) {
  return config.apiDocs ?? config.nodeEnv !== 'production';
}

// GET /openapi.json and the docs page at /docs, when API_DOCS allows them.
export function createOpenApiRouter({ config }) {
  const router = Router();
  if (!apiDocsEnabled(config)) return router;
  let document;

  // Built once, on first use, from the routers mounted on the app by then: all of them.
  router.get('/openapi.json', (req, res) => {
    document ??= createOpenApiDocument(req.app);
    res.json(document);
  });
  router.use('/docs', docsPage({ title: 'API documentation' }));

  return describeRoutes(router, {
    'GET /openapi.json': {
      summary: 'This OpenAPI document',
      tags: ['docs'],
      responses: { 200: { description: 'The OpenAPI 3.1 document of every REST route' } },
    },
  });
}
