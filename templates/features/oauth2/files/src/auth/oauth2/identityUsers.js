import { z } from 'zod';
import { AppError } from '../../errors/AppError.js';

const MAX_NAME_LENGTH = 100;

// A display name is the provider's business: one that is not text, or blank, is left out and a
// long one cut short, rather than a sign-in failing over it.
const displayName = z
  .string()
  .trim()
  .min(1)
  .transform((name) => name.slice(0, MAX_NAME_LENGTH))
  .optional()
  .catch(undefined);

// What a sign-in takes from the claims (the ID token's, completed by the userinfo profile). An email
// that is not one, or longer than any address, is refused rather than stored; only the boolean
// `true` says the provider verified it.
const identityClaims = z.object({
  iss: z.string().min(1),
  sub: z.string().min(1).max(255),
  email: z.email().max(254).optional(),
  email_verified: z.boolean().optional().catch(false),
  name: displayName,
  preferred_username: displayName,
});

// The local user behind an identity at the provider, created on its first sign-in. Identities are
// keyed by issuer and subject (the validated `iss` and `sub` of the ID token), the one pair OpenID
// Connect guarantees stable and unique. An email that already belongs to a local account is not
// linked to it: a provider that lets users claim any address would otherwise hand that account over.
export async function userForIdentity({ usersRepository, identitiesRepository }, rawClaims) {
  const claims = parseClaims(rawClaims);
  const userId = await identitiesRepository.findUserId(claims.iss, claims.sub);
  const linked = userId && (await usersRepository.findById(userId));
  if (linked) return linked;
  if (!claims.email) {
    throw AppError.unauthorized('The identity provider did not share an email address');
  }
  // An address the provider has not verified may be someone else's: it creates no account, and is
  // not compared with the accounts there are, so it can neither take nor block the owner's.
  if (claims.email_verified !== true) {
    throw AppError.unauthorized('The identity provider has not verified this email address');
  }
  if (await usersRepository.findByEmail(claims.email)) {
    throw AppError.conflict('An account with this email already exists: sign in with its password');
  }
  const user = await usersRepository.create({ email: claims.email, name: displayNameOf(claims) });
  await identitiesRepository.link(claims.iss, claims.sub, user.id);
  return user;
}

function parseClaims(claims) {
  const result = identityClaims.safeParse(claims);
  if (result.success) return result.data;
  throw AppError.unauthorized('The identity provider sent claims that are not valid');
}

function displayNameOf(claims) {
  return (
    claims.name ?? claims.preferred_username ?? claims.email.split('@')[0].slice(0, MAX_NAME_LENGTH)
  );
}
