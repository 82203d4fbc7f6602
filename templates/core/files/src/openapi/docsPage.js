import express from 'express';
import helmet from 'helmet';
import swaggerUiPath from 'swagger-ui-dist/absolute-path.js';

// Swagger UI from the installed swagger-ui-dist, never from a CDN. Its own policy allows this page
// its scripts and styles from this origin only (Swagger UI sets inline styles, and draws icons as
// data: images); every other response keeps the API's policy that allows nothing.
const docsPolicy = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"],
  },
});

const page = (title) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/init.js"></script>
  </body>
</html>
`;

// An inline script would need 'unsafe-inline' in script-src, so the start-up is a file of its own.
const INIT_SCRIPT =
  "window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui' });\n";

// The page at /docs, its start-up script and Swagger UI's files; mount it at /docs.
export function docsPage({ title }) {
  const assets = express.static(swaggerUiPath(), { index: false });
  const html = page(title);
  return function serveDocs(req, res, next) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    docsPolicy(req, res, () => {
      if (req.path === '/') return res.type('html').send(html);
      if (req.path === '/init.js') return res.type('js').send(INIT_SCRIPT);
      assets(req, res, next);
    });
  };
}
