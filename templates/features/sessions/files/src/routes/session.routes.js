import { Router } from 'express';
import { z } from 'zod';
import { signInBody } from '../auth/auth.schemas.js';
import { csrfTokenOf } from '../auth/csrf.js';
import { SESSION_COOKIE } from '../auth/sessionMiddleware.js';
import { signInSession, signOutSession } from '../auth/sessionSignIn.js';
import { AppError } from '../errors/AppError.js';
import { loginRateLimit } from '../middlewares/auth/loginRateLimit.js';
import { refuseCrossSite } from '../middlewares/auth/refuseCrossSite.js';
import { requireJson } from '../middlewares/auth/requireJson.js';
import { validate } from '../middlewares/validation/validate.js';
import { describeRoutes } from '../openapi/describe.js';
import { user } from '../users/users.schemas.js';

const csrfToken = z.object({ csrfToken: z.string() });

export function createSessionRouter(dependencies) {
  const { accounts, sessionEnds } = dependencies;
  const router = Router();

  // Failed attempts are limited per client IP and email before the password is even checked.
  router.post(
    '/session',
    refuseCrossSite(),
    requireJson(),
    loginRateLimit(dependencies, 'session'),
    validate({ body: signInBody }),
    async (req, res) => {
      const { email, password } = req.valid.body;
      const user = await accounts.authenticate(email, password);
      if (!user) throw AppError.unauthorized('Invalid email or password');
      await signInSession(req, user, sessionEnds);
      res.json(user);
    },
  );

  // Signing out a signed-in session is a state change like any other, so it needs the CSRF token.
  router.delete('/session', async (req, res) => {
    await signOutSession(req, sessionEnds);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  // Only a session someone signed in to has a token: anonymous requests do not need one.
  router.get('/csrf', (req, res) => {
    if (!req.session?.userId) throw AppError.unauthorized();
    res.json({ csrfToken: csrfTokenOf(req.session) });
  });

  return describeRoutes(router, {
    'POST /session': {
      summary: 'Sign in with a server-side session',
      tags: ['auth'],
      responses: {
        200: {
          description: 'The user; the sid cookie holds the new session',
          schema: user,
          headers: { 'Set-Cookie': 'sid: the session (HttpOnly, SameSite=Lax)' },
        },
      },
      errors: { 401: 'UNAUTHORIZED: wrong email or password' },
    },
    'DELETE /session': {
      summary: 'Sign out: destroy the session and clear its cookie',
      tags: ['auth'],
      responses: { 204: { description: 'Signed out' } },
    },
    'GET /csrf': {
      summary: "The session's CSRF token, for the X-CSRF-Token header of writes",
      tags: ['auth'],
      responses: { 200: { description: 'The token', schema: csrfToken } },
      errors: { 401: 'UNAUTHORIZED: nobody is signed in' },
    },
  });
}
