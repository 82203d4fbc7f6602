// Where the service has accounts, every connection belongs to a signed-in user: the middleware
// before this one put the user on socket.data.
export function requireUser(socket, next) {
  next(socket.data.user ? undefined : unauthorized());
}

// The client's connect_error carries the REST API's code in `data`.
export function unauthorized(message = 'Sign in to continue') {
  const error = new Error(message);
  error.data = { code: 'UNAUTHORIZED' };
  return error;
}
