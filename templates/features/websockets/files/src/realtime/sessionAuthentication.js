// The session cookie is read by the express-session middleware of HTTP requests, on the handshake
// only: the later requests of a long-polling connection need not go to the session store.
export function sessionOnHandshake(sessionMiddleware) {
  return function readSessionOnHandshake(req, res, next) {
    if (req._query.sid === undefined) return sessionMiddleware(req, res, next);
    next();
  };
}

export function sessionUser(socket, next) {
  socket.data.user = socket.request.session?.user;
  next();
}
