import { AppError } from './AppError.js';

// Seconds a client is asked to wait before trying again.
const RETRY_AFTER_SECONDS = 5;

// A dependency (PostgreSQL, Redis) is down or too slow: nothing the client did wrong, so it may
// try again shortly. The driver's message stays in `cause`, for the logs, and never reaches the
// client.
export class ServiceUnavailableError extends AppError {
  constructor(dependency, cause) {
    super(503, 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable, try again shortly');
    this.name = 'ServiceUnavailableError';
    this.dependency = dependency;
    this.cause = cause;
    this.retryAfter = RETRY_AFTER_SECONDS;
  }
}
