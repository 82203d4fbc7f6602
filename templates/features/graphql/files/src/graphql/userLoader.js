import DataLoader from 'dataloader';

// One loader per request: the users a query asks for by id are fetched in one query, and each once,
// without caching anything between requests (where it could be stale or another caller's).
export function createUserLoader(usersRepository) {
  const loader = new DataLoader(async (ids) => {
    const users = await usersRepository.findByIds(ids);
    const byId = new Map(users.map((user) => [user.id, user]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  // Postgres compares UUIDs regardless of case; the loader's cache and results should too.
  return (id) => loader.load(id.toLowerCase());
}
