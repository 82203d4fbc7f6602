import cors from 'cors';

// Only listed origins get CORS headers; the browser blocks every other cross-origin read. A
// request without an Origin header is not a cross-origin one: cors would only add `Vary: Origin`
// to it, so it gets that header without the work of building and applying cors's header list
// (preflights, OPTIONS, always go to cors).
export function corsAllowList(origins) {
  const allowListed = cors({ origin: origins });
  return function applyCors(req, res, next) {
    if (req.headers.origin !== undefined || req.method === 'OPTIONS') {
      return allowListed(req, res, next);
    }
    res.vary('Origin');
    next();
  };
}
