import * as oidc from 'openid-client';
import { AppError } from '../../errors/AppError.js';

// For discovery and every later request to the provider, so a hung provider cannot hang sign-ins.
const PROVIDER_TIMEOUT_SECONDS = 10;

// The OpenID Connect relying party: discovery, the authorization URL and the code exchange.
// Discovery happens on first use and is kept once it succeeds; a failure is not kept, so the next
// sign-in tries again instead of the process being stuck with an issuer that was briefly down.
// `allowInsecureRequests` lets the tests use a plain-http provider; it is a code-level option,
// never an environment variable someone could flip in production.
export function createOidcClient(config, { logger, allowInsecureRequests = false }) {
  const issuerUrl = new URL(config.oauth2IssuerUrl);
  // The callback URL is configuration, never derived from the request's Host header.
  const redirectUri = config.oauth2RedirectUri;
  let discovery;

  function configuration() {
    // With a secret, a confidential client (client_secret_post); without, a public one (PKCE only).
    discovery ??= oidc
      .discovery(
        issuerUrl,
        config.oauth2ClientId,
        config.oauth2ClientSecret,
        config.oauth2ClientSecret ? undefined : oidc.None(),
        {
          timeout: PROVIDER_TIMEOUT_SECONDS,
          // The ID token's signature is checked against the issuer's keys too, not only its claims.
          execute: [
            oidc.enableNonRepudiationChecks,
            ...(allowInsecureRequests ? [oidc.allowInsecureRequests] : []),
          ],
        },
      )
      .catch((error) => {
        discovery = undefined;
        logger.error({ err: error, issuer: issuerUrl.href }, 'OpenID Connect discovery failed');
        throw new AppError(503, 'OAUTH2_UNAVAILABLE', 'The identity provider cannot be reached');
      });
    return discovery;
  }

  return {
    // Starts discovery at start-up: a failure is logged above and retried by the next sign-in.
    warmUp() {
      configuration().catch(() => {});
    },

    // Everything the callback must check comes back as `checks`, to keep in the session.
    async startSignIn() {
      const server = await configuration();
      const checks = {
        codeVerifier: oidc.randomPKCECodeVerifier(),
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
      };
      const url = oidc.buildAuthorizationUrl(server, {
        redirect_uri: redirectUri,
        scope: config.oauth2Scopes,
        code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
        state: checks.state,
        nonce: checks.nonce,
      });
      return { url: url.href, checks };
    },

    // Exchanges the code (with the PKCE verifier) and validates the ID token: issuer, audience,
    // expiry, nonce and signature. Returns the ID token's claims, with the profile from the
    // userinfo endpoint when the ID token does not carry the email.
    async finishSignIn(requestUrl, checks) {
      const server = await configuration();
      // The provider's answer is the query string; where it was sent is the configured URI.
      const callbackUrl = new URL(redirectUri);
      callbackUrl.search = new URL(requestUrl, redirectUri).search;
      const tokens = await oidc.authorizationCodeGrant(server, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (claims.email) return claims;
      const profile = await oidc.fetchUserInfo(server, tokens.access_token, claims.sub);
      return { ...profile, ...claims };
    },
  };
}
