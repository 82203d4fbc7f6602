import compression from 'compression';

// compression wraps every response (its write, end and headers) to decide at the last moment
// whether to compress. A request without Accept-Encoding is always answered uncompressed, so it
// skips that work and gets only the Vary header that keeps caches from serving it to others.
export function compressResponses() {
  const compress = compression();
  return function compressWhenAccepted(req, res, next) {
    if (req.headers['accept-encoding'] !== undefined) return compress(req, res, next);
    res.vary('Accept-Encoding');
    next();
  };
}
