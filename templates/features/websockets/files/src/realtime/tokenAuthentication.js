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
    const { exp, sid } = decodeJwt(token);
    socket.data.expiresAt = exp * 1000;
    socket.data.tokenSignIn = sid;
    next();
  };
}

// A connection opened with an access token lasts no longer than the sign-in the token was issued
// for: signing out, or a reused refresh token revoking the sign-in, closes it. With Redis, the
// adapter carries the disconnect to the other instances, wherever the sign-in's sockets are.
export function closeWithTokenSignIn(io, { refreshTokens }) {
  io.on('connection', (socket) => {
    const { tokenSignIn } = socket.data;
    if (typeof tokenSignIn === 'string') socket.join(signInRoom(tokenSignIn));
  });
  refreshTokens.onEnded((familyId) => io.in(signInRoom(familyId)).disconnectSockets(true));
}

// Clients only ever join rooms of their own naming, which rooms.js keeps apart from this one.
function signInRoom(familyId) {
  return `sign-in:${familyId}`;
}
