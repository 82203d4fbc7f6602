// Password hashes by user id, for as long as the process runs, like the in-memory users.
export function createMemoryCredentialsRepository() {
  const hashes = new Map();
  return {
    async findPasswordHash(userId) {
      return hashes.get(userId) ?? null;
    },
    async savePasswordHash(userId, passwordHash) {
      hashes.set(userId, passwordHash);
    },
  };
}
