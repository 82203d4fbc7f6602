import helmet from 'helmet';

// A JSON API never serves a page, so the policy forbids every kind of content and framing.
export function securityHeaders() {
  const headers = staticHeaders(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      },
      frameguard: { action: 'deny' },
    }),
  );
  return function setSecurityHeaders(req, res, next) {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

// This policy has no per-request part (no nonces), so helmet runs once, here, and every response
// gets the headers it set rather than a dozen middleware calls rebuilding the same strings.
function staticHeaders(middleware) {
  const headers = new Map();
  const recorder = {
    setHeader: (name, value) => headers.set(name, value),
    removeHeader: (name) => headers.delete(name),
  };
  middleware({}, recorder, (error) => {
    if (error) throw error;
  });
  return [...headers];
}
