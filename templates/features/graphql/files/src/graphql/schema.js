import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';

// The schema is written in SDL next to this file; its root fields are resolved by resolvers.js.
export const schema = buildSchema(readFileSync(new URL('schema.graphql', import.meta.url), 'utf8'));
