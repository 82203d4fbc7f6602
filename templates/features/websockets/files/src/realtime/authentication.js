// Node runs a longer timer at once; a connection that reaches it is closed a little early.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

// Where the service has accounts, every connection belongs to a signed-in user: the middleware
// before this one put the user on socket.data, with the time its sign-in ends (`expiresAt`, when
// the token or the session expires). A connection lasts no longer than its sign-in: the server
// then disconnects it, and the client connects again with a fresh one.
export function requireUser(socket, next) {
  const { user, expiresAt } = socket.data;
  if (!user) return next(unauthorized());
  if (expiresAt !== undefined) disconnectAt(socket, expiresAt);
  next();
}

// The client's connect_error carries the REST API's code in `data`.
export function unauthorized(message = 'Sign in to continue') {
  const error = new Error(message);
  error.data = { code: 'UNAUTHORIZED' };
  return error;
}

function disconnectAt(socket, time) {
  const delay = Math.min(Math.max(time - Date.now(), 0), LONGEST_TIMER_MS);
  // Unref'd: a client that leaves before its connection completes leaves nothing holding the
  // process open.
  const timer = setTimeout(() => socket.disconnect(true), delay).unref();
  socket.on('disconnect', () => clearTimeout(timer));
}
