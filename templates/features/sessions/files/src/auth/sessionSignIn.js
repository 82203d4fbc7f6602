import { promisify } from 'node:util';

// A new session id on every sign-in: an id planted or seen before sign-in (session fixation) is
// destroyed in Redis and never becomes a signed-in session. The session keeps the user's id only.
// A session that was already signed in ends as on sign-out, so that the connections opened with it
// close rather than stay with its user.
export async function signInSession(req, user, sessionEnds) {
  const previous = signedInSessionId(req);
  await promisify(req.session.regenerate).call(req.session);
  req.session.userId = user.id;
  if (previous !== undefined) sessionEnds.ended(previous);
}

// Destroying the session in Redis is what signs out: a copy of the cookie is worthless afterwards.
export async function signOutSession(req, sessionEnds) {
  const previous = signedInSessionId(req);
  if (req.session) await promisify(req.session.destroy).call(req.session);
  if (previous !== undefined) sessionEnds.ended(previous);
}

function signedInSessionId(req) {
  return req.session?.userId === undefined ? undefined : req.sessionID;
}

// The signed-in user of a session, as { id, role }, read afresh from the repository: a role
// changed since sign-in counts at once, and a session whose account is gone is signed out.
export async function findSessionUser(session, accounts) {
  const user = await accounts.findById(session.userId);
  if (!user) {
    delete session.userId;
    return undefined;
  }
  return { id: user.id, role: user.role };
}
