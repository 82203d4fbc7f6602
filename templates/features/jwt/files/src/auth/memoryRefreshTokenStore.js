const SWEEP_INTERVAL_MS = 60 * 1000;

// Refresh tokens in this process's memory: they are lost on restart and not seen by other
// instances, so this store suits a single instance only. Redis or Postgres replace it when the
// project has either. Expired entries are swept at most once a minute, when a sign-in comes.
export function createMemoryRefreshTokenStore() {
  // familyId -> { userId, currentHash, expiresAt }, tokenHash -> { familyId, expiresAt }
  const families = new Map();
  const tokens = new Map();
  let nextSweep = 0;

  function sweep(now) {
    if (now < nextSweep) return;
    nextSweep = now + SWEEP_INTERVAL_MS;
    for (const [familyId, family] of families) {
      if (family.expiresAt <= now) families.delete(familyId);
    }
    for (const [tokenHash, token] of tokens) {
      if (token.expiresAt <= now || !families.has(token.familyId)) tokens.delete(tokenHash);
    }
  }

  return {
    async create({ familyId, userId, tokenHash, expiresAt }) {
      sweep(Date.now());
      families.set(familyId, { userId, currentHash: tokenHash, expiresAt: expiresAt.getTime() });
      tokens.set(tokenHash, { familyId, expiresAt: expiresAt.getTime() });
    },

    async rotate(tokenHash, successor) {
      const token = tokens.get(tokenHash);
      const family = token && families.get(token.familyId);
      if (!family || token.expiresAt <= Date.now()) return { status: 'invalid' };
      const { familyId } = token;
      if (family.currentHash !== tokenHash) {
        families.delete(familyId);
        return { status: 'reused', familyId };
      }
      family.currentHash = successor.tokenHash;
      family.expiresAt = successor.expiresAt.getTime();
      tokens.set(successor.tokenHash, { familyId, expiresAt: family.expiresAt });
      return { status: 'rotated', userId: family.userId, familyId };
    },

    async revokeFamily(tokenHash) {
      const familyId = tokens.get(tokenHash)?.familyId;
      if (!families.has(familyId)) return undefined;
      families.delete(familyId);
      return familyId;
    },
  };
}
