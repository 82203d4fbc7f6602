import { findSessionUser } from '../auth/sessionSignIn.js';

// The session cookie is read by the express-session middleware of HTTP requests, on the handshake
// only: the later requests of a long-polling connection need not go to the session store.
export function sessionOnHandshake(sessionMiddleware) {
  return function readSessionOnHandshake(req, res, next) {
    if (req._query.sid === undefined) return sessionMiddleware(req, res, next);
    next();
  };
}

// The session's user as the HTTP requests see it: read afresh, so an account deleted since
// sign-in no longer connects. The cause of a failure is logged, never sent to the client.
export function sessionUser({ accounts, logger }) {
  return async function readSessionUser(socket, next) {
    const session = socket.request.session;
    if (!session?.userId) return next();
    try {
      socket.data.user = await findSessionUser(session, accounts);
    } catch (err) {
      logger.error({ err }, 'Socket.IO session user not read');
      const error = new Error('Internal error');
      error.data = { code: 'INTERNAL_ERROR' };
      return next(error);
    }
    socket.data.expiresAt = session.cookie.expires?.getTime();
    next();
  };
}

// A connection opened with a signed-in session lasts no longer than the session: signing out
// closes it, on every instance (the Redis adapter takes the request to the others).
export function closeWithSession(io, { sessionEnds }) {
  io.on('connection', (socket) => {
    if (socket.request.session?.userId) socket.join(sessionRoom(socket.request.sessionID));
  });
  sessionEnds.onEnded((sessionId) => io.in(sessionRoom(sessionId)).disconnectSockets(true));
}

// Clients only ever join rooms of their own naming, which rooms.js keeps apart from this one.
function sessionRoom(sessionId) {
  return `session:${sessionId}`;
}
