import { AppError } from '../errors/AppError.js';

// Parses a resolver's arguments with the schema of the REST route: the same VALIDATION_ERROR as
// the routes answer, with paths naming the arguments.
export function parseArgs(schema, value, ...prefix) {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw AppError.validation(
    result.error.issues.map((issue) => ({
      path: [...prefix, ...issue.path].join('.'),
      message: issue.message,
    })),
  );
}
