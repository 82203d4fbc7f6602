import { z } from 'zod';

const MAX_PAGE_SIZE = 100;

const email = z.email().max(254);
const name = z.string().trim().min(1).max(100);

// Strict objects turn a misspelt or unexpected field (such as "role") into a 400.
export const createUserBody = z.strictObject({ email, name });

export const updateUserBody = createUserBody
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, 'Provide at least one field to update');

export const listUsersQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .default(20)
    .transform((limit) => Math.min(limit, MAX_PAGE_SIZE)),
});

export const userParams = z.object({ id: z.uuid() });

// What the API answers, for the OpenAPI document.
export const user = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const userPage = z.object({
  data: z.array(user),
  page: z.int(),
  limit: z.int(),
  total: z.int(),
  totalPages: z.int(),
});
