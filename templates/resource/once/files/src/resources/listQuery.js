import { z } from 'zod';

const MAX_PAGE_SIZE = 100;

// The query parameters every resource's list route takes, as users have them.
export const page = z.coerce.number().int().min(1).default(1);

export const limit = z.coerce
  .number()
  .int()
  .min(1)
  .default(20)
  .transform((value) => Math.min(value, MAX_PAGE_SIZE));

// `sort` names one of `fields`, oldest or smallest first, or with a leading "-" the other way
// round; it defaults to creation order.
export function sortBy(fields) {
  return z
    .enum(fields.flatMap((field) => [field, `-${field}`]))
    .default('createdAt')
    .transform((sort) =>
      sort.startsWith('-')
        ? { field: sort.slice(1), descending: true }
        : { field: sort, descending: false },
    );
}

// Query strings are text: a filter on a number reads one from it (an empty value is not 0), and
// one on a boolean reads true or false.
export function numberParam(schema) {
  return z.string().trim().min(1).pipe(z.coerce.number()).pipe(schema);
}

export const booleanParam = z.enum(['true', 'false']).transform((value) => value === 'true');
