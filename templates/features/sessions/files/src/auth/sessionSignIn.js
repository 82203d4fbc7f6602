import { promisify } from 'node:util';

// A new session id on every sign-in: an id planted or seen before sign-in (session fixation) is
// destroyed in Redis and never becomes a signed-in session. Only what authorization needs is kept.
export async function signInSession(req, user) {
  await promisify(req.session.regenerate).call(req.session);
  req.session.user = { id: user.id, role: user.role };
}

// Destroying the session in Redis is what signs out: a copy of the cookie is worthless afterwards.
export async function signOutSession(req) {
  if (req.session) await promisify(req.session.destroy).call(req.session);
}
