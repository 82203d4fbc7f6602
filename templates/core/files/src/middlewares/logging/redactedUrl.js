// Query parameters that carry credentials: tokens of any kind, and OAuth2 codes and states.
const SECRET_PARAMETER = /^(code|state|session_state|token|\w+_token)$/i;
// A code or a state makes the query an OAuth2 callback, where the provider may add parameters of
// its own: none of its values is logged.
const CALLBACK_PARAMETER = /^(code|state)$/i;
const REDACTED = '[Redacted]';

// The request's URL as the request log shows it: credentials in the query replaced, the rest
// verbatim.
export function redactedUrl(req) {
  const url = req.originalUrl ?? req.url;
  if (typeof url !== 'string') return undefined;
  const start = url.indexOf('?');
  if (start === -1) return url;
  const parameters = url
    .slice(start + 1)
    .split('&')
    .map((parameter) => {
      const [name] = parameter.split('=', 1);
      return { parameter, name, decoded: decodedName(name) };
    });
  const callback = parameters.some(({ decoded }) => CALLBACK_PARAMETER.test(decoded));
  const logged = parameters.map(({ parameter, name, decoded }) =>
    callback || SECRET_PARAMETER.test(decoded) ? `${name}=${REDACTED}` : parameter,
  );
  return `${url.slice(0, start)}?${logged.join('&')}`;
}

function decodedName(name) {
  try {
    return decodeURIComponent(name.replaceAll('+', ' '));
  } catch {
    return name;
  }
}
