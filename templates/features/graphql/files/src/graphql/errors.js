import { GraphQLError } from 'graphql';
import { AppError } from '../errors/AppError.js';

// Errors reach GraphQL clients the way the REST API reports them: an AppError thrown by a resolver
// keeps its code (and details) in `extensions`; anything else is an INTERNAL_ERROR whose message
// production keeps to itself and development completes with the stack.
export function createErrorFormatter({ nodeEnv }) {
  return function formatError(error) {
    // Syntax, validation and request errors, and GraphQLErrors thrown on purpose, are the client's.
    if (!(error instanceof GraphQLError) || !error.originalError) return error;
    const original = error.originalError;
    if (original instanceof GraphQLError) return error;
    if (original instanceof AppError) {
      const extensions = { code: original.code };
      if (original.details) extensions.details = original.details;
      return relocated(error, original.message, extensions);
    }
    const extensions = { code: 'INTERNAL_ERROR' };
    if (nodeEnv === 'development') extensions.stack = original.stack;
    const message = nodeEnv === 'production' ? 'Internal server error' : original.message;
    return relocated(error, message, extensions);
  };
}

// A resolver failure the client cannot act on: the server logs it with the request.
export function isInternalError(error) {
  const original = error.originalError;
  return Boolean(original) && !(original instanceof GraphQLError || original instanceof AppError);
}

function relocated(error, message, extensions) {
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions,
  });
}
