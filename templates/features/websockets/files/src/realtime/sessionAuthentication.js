import { findSessionUser } from '../auth/sessionSignIn.js';
import { AppError } from '../errors/AppError.js';

// The session cookie is read by the express-session middleware of HTTP requests, on the handshake
// only: the later requests of a long-polling connection need not go to the session store. A
// store that fails is reported by sessionUser, which can answer with a code (engine.io's own
// middleware can only refuse with 400).
export function sessionOnHandshake(sessionMiddleware) {
  return function readSessionOnHandshake(req, res, next) {
    if (req._query.sid !== undefined) return next();
    sessionMiddleware(req, res, (err) => {
      req.sessionError = err;
      next();
    });
  };
}

// The session's user as the HTTP requests see it: read afresh, so an account deleted since
// sign-in no longer connects. The cause of a failure is logged, never sent to the client; an
// outage of Redis or PostgreSQL is refused with SERVICE_UNAVAILABLE, as HTTP requests are.
export function sessionUser({ accounts, logger }) {
  return async function readSessionUser(socket, next) {
    const session = socket.request.session;
    try {
      if (socket.request.sessionError) throw socket.request.sessionError;
      if (!session?.userId) return next();
      socket.data.user = await findSessionUser(session, accounts);
    } catch (err) {
      if (!(err instanceof AppError)) logger.error({ err }, 'Socket.IO session user not read');
      const error = new Error(err instanceof AppError ? err.message : 'Internal error');
      error.data = { code: err instanceof AppError ? err.code : 'INTERNAL_ERROR' };
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
