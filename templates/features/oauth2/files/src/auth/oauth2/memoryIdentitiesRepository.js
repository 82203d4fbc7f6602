// Identities in process memory: they are lost on restart and not shared between instances, like
// the in-memory users they point to. With Postgres they live in the `identities` table.
export function createMemoryIdentitiesRepository() {
  const userIds = new Map();
  const key = (issuer, subject) => JSON.stringify([issuer, subject]);
  return {
    async findUserId(issuer, subject) {
      return userIds.get(key(issuer, subject)) ?? null;
    },
    async link(issuer, subject, userId) {
      userIds.set(key(issuer, subject), userId);
    },
  };
}
