// A page on any site may open a WebSocket to the service, with the user's cookies: the browser
// sends its Origin but, unlike for HTTP requests, does not hold the answer to CORS. So a handshake
// is accepted from the service's own origin and from the allow-list, and from clients that are not
// browsers and send no Origin at all.
export function allowOrigins(origins) {
  const allowed = new Set(origins);
  return function allowRequest(req, callback) {
    const { origin, host } = req.headers;
    callback(null, origin === undefined || allowed.has(origin) || hostOf(origin) === host);
  };
}

function hostOf(origin) {
  return URL.parse(origin)?.host;
}
