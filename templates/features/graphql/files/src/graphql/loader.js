import DataLoader from 'dataloader';

// One loader per request and per repository: the records a query asks for by id, at any depth,
// are fetched with one findByIds call and each once, and nothing is cached between requests (where
// it could be stale or another caller's). An empty reference (null) loads nothing.
export function createLoader(repository) {
  const loader = new DataLoader(async (ids) => {
    const records = await repository.findByIds(ids);
    const byId = new Map(records.map((record) => [record.id, record]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  // Postgres compares UUIDs regardless of case; the loader's cache and results should too.
  return (id) => (id === null ? null : loader.load(id.toLowerCase()));
}
