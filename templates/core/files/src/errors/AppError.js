// An error meant for the client: its status, code and message are sent as they are.
export class AppError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  static unauthorized(message = 'Sign in to continue') {
    return new AppError(401, 'UNAUTHORIZED', message);
  }

  static forbidden(message = 'You are not allowed to do this') {
    return new AppError(403, 'FORBIDDEN', message);
  }

  static notFound(message) {
    return new AppError(404, 'NOT_FOUND', message);
  }

  static conflict(message) {
    return new AppError(409, 'CONFLICT', message);
  }

  static validation(details) {
    return new AppError(400, 'VALIDATION_ERROR', 'Request validation failed', details);
  }
}
