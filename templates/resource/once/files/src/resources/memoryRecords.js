// Lists records held in memory the way a repository on PostgreSQL lists rows: filtered by
// equality, ordered by one field (missing values last, or first when descending), then by
// creation, and a page at a time. Strings are compared by code point, not by a collation.
export function listRecords(records, { page, limit, sort, filters = {} }) {
  const wanted = Object.entries(filters).filter(([, value]) => value !== undefined);
  const matching = records.filter((record) =>
    wanted.every(([field, value]) => record[field] === value),
  );
  // Array.prototype.sort is stable: records that compare equal stay in creation order.
  const sorted = matching.sort(
    (a, b) => compare(a[sort.field], b[sort.field]) || compare(a.createdAt, b.createdAt),
  );
  if (sort.descending) sorted.reverse();
  return { data: sorted.slice((page - 1) * limit, page * limit), total: matching.length };
}

function compare(a, b) {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
