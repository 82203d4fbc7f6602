import cookieParser from 'cookie-parser';
import { Router } from 'express';
import { z } from 'zod';
import { signInBody } from '../auth/auth.schemas.js';
import { AppError } from '../errors/AppError.js';
import { loginRateLimit } from '../middlewares/auth/loginRateLimit.js';
import { refuseCrossSite } from '../middlewares/auth/refuseCrossSite.js';
import { requireJson } from '../middlewares/auth/requireJson.js';
import { validate } from '../middlewares/validation/validate.js';
import { describeRoutes } from '../openapi/describe.js';

const REFRESH_COOKIE = 'rt';

const accessToken = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.int(),
});
const tokensIssued = {
  description: 'An access token, and a new refresh token in the rt cookie',
  schema: accessToken,
  headers: { 'Set-Cookie': 'rt: the refresh token (HttpOnly, SameSite=Strict)' },
};

// Login answers a short-lived access token in the body, for the client to keep in memory and send
// as a bearer token; the refresh token travels only in an HttpOnly cookie that scripts cannot read
// and that the browser sends to these routes alone.
export function createTokensRouter(dependencies) {
  const { accounts, config, refreshTokens, tokens, usersRepository } = dependencies;
  const router = Router();
  const readCookies = cookieParser();

  // Path: the router's own mount point, so the browser sends the cookie to the auth routes and
  // nowhere else on the site. SameSite=Strict: no other site can make the browser send it, which
  // is what keeps cross-site requests from refreshing or logging out.
  function cookieOptions(req) {
    return {
      httpOnly: true,
      secure: config.nodeEnv === 'production',
      sameSite: 'strict',
      path: req.baseUrl,
    };
  }

  async function sendTokens(req, res, user, refresh) {
    res.cookie(REFRESH_COOKIE, refresh.token, {
      ...cookieOptions(req),
      expires: refresh.expiresAt,
    });
    // Tokens must not be kept by caches between the client and the service (RFC 6749 §5.1).
    res.set('Cache-Control', 'no-store').json({
      accessToken: await tokens.issueAccessToken(user, refresh.familyId),
      tokenType: 'Bearer',
      expiresIn: tokens.accessTokenTtl,
    });
  }

  router.post(
    '/login',
    refuseCrossSite(),
    requireJson(),
    validate({ body: signInBody }),
    loginRateLimit(dependencies, 'jwt'),
    async (req, res) => {
      const { email, password } = req.valid.body;
      const user = await accounts.authenticate(email, password);
      if (!user) throw AppError.unauthorized('Invalid email or password');
      await sendTokens(req, res, user, await refreshTokens.issue(user.id));
    },
  );

  router.post('/refresh', readCookies, async (req, res) => {
    const presented = req.cookies[REFRESH_COOKIE];
    if (!presented) throw AppError.unauthorized('No refresh token');
    let refresh;
    try {
      refresh = await refreshTokens.rotate(presented);
    } catch (error) {
      // A refused token is of no further use: the cookie goes with the 401. An outage of the
      // store leaves it in place, to try again.
      if (error instanceof AppError) res.clearCookie(REFRESH_COOKIE, cookieOptions(req));
      throw error;
    }
    // The role may have changed, and the account may be gone, since the last refresh.
    const user = await usersRepository.findById(refresh.userId);
    if (!user) {
      await refreshTokens.revoke(refresh.token);
      res.clearCookie(REFRESH_COOKIE, cookieOptions(req));
      throw AppError.unauthorized('This account no longer exists');
    }
    await sendTokens(req, res, user, refresh);
  });

  router.post('/logout', readCookies, async (req, res) => {
    const presented = req.cookies[REFRESH_COOKIE];
    if (presented) await refreshTokens.revoke(presented);
    res.clearCookie(REFRESH_COOKIE, cookieOptions(req)).status(204).end();
  });

  return describeRoutes(router, {
    'POST /login': {
      summary: 'Sign in for an access token and a refresh token',
      tags: ['auth'],
      responses: { 200: tokensIssued },
      errors: { 401: 'UNAUTHORIZED: wrong email or password' },
    },
    'POST /refresh': {
      summary: 'Trade the refresh token in the rt cookie for new tokens',
      tags: ['auth'],
      responses: { 200: tokensIssued },
      errors: { 401: 'UNAUTHORIZED: no refresh token, or one expired, revoked or reused' },
    },
    'POST /logout': {
      summary: 'Revoke the refresh token and clear its cookie',
      tags: ['auth'],
      responses: { 204: { description: 'Signed out' } },
    },
  });
}
