import { AppError } from '../../errors/AppError.js';

const MAX_NAME_LENGTH = 100;

// The local user behind an identity at the provider, created on its first sign-in. Identities are
// keyed by issuer and subject (the validated `iss` and `sub` of the ID token), the one pair OpenID
// Connect guarantees stable and unique. An email that already belongs to a local account is not
// linked to it: a provider that lets users claim any address would otherwise hand that account over.
export async function userForIdentity({ usersRepository, identitiesRepository }, claims) {
  const userId = await identitiesRepository.findUserId(claims.iss, claims.sub);
  const linked = userId && (await usersRepository.findById(userId));
  if (linked) return linked;
  if (!claims.email) {
    throw AppError.unauthorized('The identity provider did not share an email address');
  }
  if (await usersRepository.findByEmail(claims.email)) {
    throw AppError.conflict('An account with this email already exists: sign in with its password');
  }
  const user = await usersRepository.create({ email: claims.email, name: displayName(claims) });
  await identitiesRepository.link(claims.iss, claims.sub, user.id);
  return user;
}

function displayName(claims) {
  const name = claims.name || claims.preferred_username || claims.email.split('@')[0];
  return name.trim().slice(0, MAX_NAME_LENGTH);
}
