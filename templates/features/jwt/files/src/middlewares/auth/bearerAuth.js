import { AppError } from '../../errors/AppError.js';
import { describeMiddleware } from '../../openapi/describe.js';

// RFC 6750: the scheme is case-insensitive, the token is a b64token.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

// No Authorization header: an anonymous request, for each route to accept or refuse. A header
// that is not a valid token: 401 at once, never a silent downgrade to anonymous.
export function bearerAuth({ tokens }) {
  return describeMiddleware(authenticateBearer, () => ({
    errors: { 401: 'UNAUTHORIZED: the bearer token is not valid, or has expired' },
  }));

  async function authenticateBearer(req, res, next) {
    const header = req.get('authorization');
    if (header === undefined) return next();
    // An answer to a credential is for its holder alone: no cache may keep it for the next caller.
    res.set('Cache-Control', 'no-store');
    const token = BEARER.exec(header)?.[1];
    try {
      if (!token) throw AppError.unauthorized('Authorization must be "Bearer <access token>"');
      req.user = await tokens.verifyAccessToken(token);
      next();
    } catch (error) {
      if (error instanceof AppError) res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      next(error);
    }
  }
}
