import { writeFile } from 'node:fs/promises';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDependencies } from '../src/dependencies.js';
import { createOpenApiDocument } from '../src/openapi/document.js';

// Writes the OpenAPI document of every REST route to openapi.json, for generating clients. The app
// is built as `npm start` builds it, with API_DOCS on so that the document describes its own route.
const OUTPUT = new URL('../openapi.json', import.meta.url);

const config = { ...loadConfig(), apiDocs: true };
const dependencies = await createDependencies(config);
try {
  const document = createOpenApiDocument(createApp({ ...dependencies, config }));
  await writeFile(OUTPUT, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`Wrote ${OUTPUT.pathname}`);
} finally {
  await dependencies.close();
}
