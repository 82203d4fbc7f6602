import { decodeJwt } from 'jose';
import { unauthorized } from './authentication.js';

// Node runs a longer timer at once; a connection that reaches it is closed a little early.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

// A bearer token travels in the handshake's auth payload (`io(url, { auth: { token } })`), where
// browsers can put it, unlike a header on a WebSocket. It is verified as on HTTP requests and, as
// there, wins over a session. A connection lasts no longer than its token: when the token expires
// the server disconnects it, and the client connects again with a fresh one.
export function authenticateToken(tokens) {
  return async function tokenUser(socket, next) {
    const { token } = socket.handshake.auth;
    if (token === undefined) return next();
    try {
      socket.data.user = await tokens.verifyAccessToken(token);
    } catch {
      return next(unauthorized('Invalid or expired access token'));
    }
    disconnectAt(socket, decodeJwt(token).exp * 1000);
    next();
  };
}

function disconnectAt(socket, time) {
  const delay = Math.min(Math.max(time - Date.now(), 0), LONGEST_TIMER_MS);
  // Unref'd: a handshake that a later middleware refuses leaves nothing holding the process open.
  const timer = setTimeout(() => socket.disconnect(true), delay).unref();
  socket.on('disconnect', () => clearTimeout(timer));
}
