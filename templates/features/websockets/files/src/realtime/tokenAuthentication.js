import { decodeJwt } from 'jose';
import { unauthorized } from './authentication.js';

// A bearer token travels in the handshake's auth payload (`io(url, { auth: { token } })`), where
// browsers can put it, unlike a header on a WebSocket. It is verified as on HTTP requests and, as
// there, wins over a session.
export function authenticateToken(tokens) {
  return async function tokenUser(socket, next) {
    const { token } = socket.handshake.auth;
    if (token === undefined) return next();
    try {
      socket.data.user = await tokens.verifyAccessToken(token);
    } catch {
      return next(unauthorized('Invalid or expired access token'));
    }
    socket.data.expiresAt = decodeJwt(token).exp * 1000;
    next();
  };
}
