import { hashPassword, needsRehash, verifyPassword } from './passwords.js';

const ADMIN_NAME = 'Administrator';

// Accounts are users (the users repository) with a password hash kept apart from them (the
// credentials repository), so no user query can ever return a hash.
export function createAccounts({ usersRepository, credentialsRepository, hashCost }) {
  let decoy;

  // An unknown email is checked against a throwaway hash, so it costs as much time as a wrong
  // password and response times do not tell which emails have accounts.
  function decoyHash() {
    decoy ??= hashPassword('decoy password that matches no account', hashCost);
    return decoy;
  }

  async function setPassword(userId, password) {
    await credentialsRepository.savePasswordHash(userId, await hashPassword(password, hashCost));
  }

  return {
    async register({ email, password, name }) {
      // Hashing first keeps the window between creating the user and storing the hash short.
      const passwordHash = await hashPassword(password, hashCost);
      const user = await usersRepository.create({ email, name });
      try {
        await credentialsRepository.savePasswordHash(user.id, passwordHash);
      } catch (error) {
        // A user without a password could never sign in but would keep the email taken.
        await usersRepository.remove(user.id);
        throw error;
      }
      return user;
    },

    async authenticate(email, password) {
      const user = await usersRepository.findByEmail(email);
      const passwordHash = user && (await credentialsRepository.findPasswordHash(user.id));
      const matches = await verifyPassword(password, passwordHash ?? (await decoyHash()));
      if (!passwordHash || !matches) return null;
      if (needsRehash(passwordHash, hashCost)) await setPassword(user.id, password);
      return user;
    },

    // The user an earlier sign-in (a session) refers to, as the user is now; undefined once the
    // account is gone. Authentication reads users here, through the repository that signed them in.
    async findById(id) {
      return (await usersRepository.findById(id)) ?? undefined;
    },

    // The configured administrator exists with this password and role admin afterwards. Only an
    // account created here is ever the administrator: an account someone registered (or signed in
    // to through a provider) with that email before it was configured is refused, never promoted,
    // since whoever registered it may hold its refresh tokens, sessions and linked identities.
    async ensureAdmin(email, password) {
      let user = await usersRepository.findByEmail(email);
      if (!user) {
        try {
          user = await usersRepository.create({ email, name: ADMIN_NAME, role: 'admin' });
        } catch (error) {
          // Another instance starting at the same time created it first.
          if (error.code !== 'CONFLICT') throw error;
          user = await usersRepository.findByEmail(email);
        }
      }
      if (user.role !== 'admin') {
        throw new Error(
          'an account registered with this email exists; configure another ADMIN_EMAIL, or ' +
            'delete that account first',
        );
      }
      await setPassword(user.id, password);
      return user;
    },
  };
}
