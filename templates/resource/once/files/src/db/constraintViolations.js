import { AppError } from '../errors/AppError.js';

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

// The error a client gets for a write (INSERT or UPDATE) that violates one of `constraints`, a
// map of constraint names to { field, message }: a value a unique constraint already holds is
// 409 CONFLICT, a reference to a record that does not exist is 400 VALIDATION_ERROR naming the
// field. Any other error is returned as it is.
export function refusedWrite(error, constraints) {
  const refused = constraints[error.constraint];
  if (refused && error.code === UNIQUE_VIOLATION) return AppError.conflict(refused.message);
  if (refused && error.code === FOREIGN_KEY_VIOLATION) {
    return AppError.validation([{ path: `body.${refused.field}`, message: refused.message }]);
  }
  return error;
}

// The error a client gets for a DELETE that a foreign key refuses, because other records still
// reference the record: 409 CONFLICT. Any other error is returned as it is.
export function refusedDelete(error, message) {
  return error.code === FOREIGN_KEY_VIOLATION ? AppError.conflict(message) : error;
}
