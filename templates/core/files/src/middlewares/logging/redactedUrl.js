// Query parameters that carry credentials: OAuth2 codes and states, and tokens of any kind.
const SECRET_PARAMETER = /^(code|state|session_state|token|\w+_token)$/i;
const REDACTED = '[Redacted]';
const QUERY_IS_SECRET = Symbol('query is secret');

// For a route whose whole query string is a credential, such as an OAuth2 callback (the provider
// may add parameters of its own): the request log keeps the names of its parameters only.
export function secretQuery() {
  return function markQuerySecret(req, res, next) {
    req[QUERY_IS_SECRET] = true;
    next();
  };
}

// The request's URL as the request log shows it: credentials in the query replaced, the rest
// verbatim.
export function redactedUrl(req) {
  const url = req.originalUrl ?? req.url;
  const start = url.indexOf('?');
  if (start === -1) return url;
  const parameters = url
    .slice(start + 1)
    .split('&')
    .map((parameter) => {
      const [name] = parameter.split('=', 1);
      return req[QUERY_IS_SECRET] || SECRET_PARAMETER.test(decodedName(name))
        ? `${name}=${REDACTED}`
        : parameter;
    });
  return `${url.slice(0, start)}?${parameters.join('&')}`;
}

function decodedName(name) {
  try {
    return decodeURIComponent(name.replaceAll('+', ' '));
  } catch {
    return name;
  }
}
