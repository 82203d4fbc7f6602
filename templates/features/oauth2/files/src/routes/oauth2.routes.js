import { Router } from 'express';
import { userForIdentity } from '../auth/oauth2/identityUsers.js';
import { signInSession } from '../auth/sessionSignIn.js';
import { AppError } from '../errors/AppError.js';
import { describeRoutes } from '../openapi/describe.js';

const PENDING_SIGN_IN_MS = 10 * 60 * 1000;
const Location = 'Where the browser goes next';

// Browser routes of the Authorization Code flow with PKCE: /login sends the browser to the
// provider, which sends it back to /callback with a code. The verifier, state and nonce wait in the
// session in between, so only the browser that started a sign-in can finish it.
export function createOAuth2Router(dependencies) {
  const { config, oidc, sessionEnds } = dependencies;
  const router = Router();

  router.get('/login', async (req, res) => {
    const { url, checks } = await oidc.startSignIn();
    req.session.oauth2 = checks;
    // An abandoned sign-in does not keep its session in Redis for a whole SESSION_TTL.
    if (!req.session.userId) req.session.cookie.maxAge = PENDING_SIGN_IN_MS;
    res.redirect(url);
  });

  router.get('/callback', async (req, res) => {
    const checks = req.session?.oauth2;
    // A pending sign-in is used once, whatever the outcome.
    if (checks) delete req.session.oauth2;
    if (!checks || req.query.state !== checks.state) throw invalidState();
    const claims = await oidc.finishSignIn(req.originalUrl, checks).catch((error) => {
      throw signInFailure(error, req.log);
    });
    const user = await userForIdentity(dependencies, claims);
    await signInSession(req, user, sessionEnds);
    res.redirect(config.oauth2PostLoginPath);
  });

  return describeRoutes(router, {
    'GET /login': {
      summary: 'Start an OpenID Connect sign-in (a browser route)',
      tags: ['auth'],
      responses: {
        302: { description: "To the provider's authorization endpoint", headers: { Location } },
      },
      errors: { 503: 'OAUTH2_UNAVAILABLE: the identity provider cannot be reached' },
    },
    'GET /callback': {
      summary: 'Finish an OpenID Connect sign-in (the provider sends the browser here)',
      tags: ['auth'],
      responses: {
        302: { description: 'Signed in: to OAUTH2_POST_LOGIN_PATH', headers: { Location } },
      },
      errors: {
        400: 'OAUTH2_INVALID_STATE: no sign-in in progress in this browser matches',
        401: 'UNAUTHORIZED: the provider refused, or its answer failed validation',
        409: 'CONFLICT: a local account already has this email',
        503: 'OAUTH2_UNAVAILABLE: the identity provider cannot be reached',
      },
    },
  });
}

function invalidState() {
  return new AppError(400, 'OAUTH2_INVALID_STATE', 'No sign-in in progress matches this callback');
}

// An unreachable provider is a 503 the client may retry. Anything the provider refuses, or answers
// that fails validation (an error instead of a code, a nonce or signature that does not match), is
// a failed sign-in: 401, with the reason in the log rather than in the response.
function signInFailure(error, log) {
  if (error instanceof AppError) return error;
  if (isUnreachable(error)) {
    return new AppError(503, 'OAUTH2_UNAVAILABLE', 'The identity provider cannot be reached');
  }
  log.warn({ err: error }, 'OpenID Connect sign-in failed');
  return AppError.unauthorized('Sign-in with the identity provider failed');
}

// fetch rejects with a TypeError "fetch failed" when it gets no answer; openid-client adds timeouts.
function isUnreachable(error) {
  if (error instanceof TypeError) return error.message === 'fetch failed';
  return ['OAUTH_TIMEOUT', 'OAUTH_ABORT'].includes(error.code);
}
