import { z } from 'zod';

// Schemas for the field types whose rules go beyond zod's own, shared by every resource.

// PostgreSQL cannot store the NUL character in text.
const noNul = (value) => !value.includes('\0');

export function text() {
  return z.string().refine(noNul, 'Must not contain the NUL character');
}

// PostgreSQL has no year 0 (ISO 8601's 0000 is 1 BC), so dates and instants start in year 1.
const afterYearZero = (value) => !value.startsWith('0000');

// A calendar date, such as 2024-01-31.
export function calendarDate() {
  return z.iso.date().refine(afterYearZero, 'Years start at 0001');
}

// An instant in UTC, such as 2024-01-31T09:30:00Z, answered with milliseconds as the database
// keeps them: 2024-01-31T09:30:00.000Z.
export function instant() {
  return z.iso
    .datetime()
    .refine(afterYearZero, 'Years start at 0001')
    .transform((value) => new Date(value).toISOString());
}

// Emails are compared and stored in lower case, so that a unique one is unique whatever its case.
export function emailAddress() {
  return z.email().max(254).toLowerCase();
}

// An http or https URL, without white space.
export function webUrl() {
  return z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .refine((value) => !/\s/.test(value) && noNul(value), 'Must not contain white space');
}
