// SQL clauses built from whitelists that map field names to column names: a field becomes SQL
// text only through its whitelist, and every value is a query parameter appended to `values`.

// "column = $n" for each field of `record` that the whitelist names and that has a value.
export function equalities(columns, record, values) {
  return Object.keys(columns)
    .filter((field) => record[field] !== undefined)
    .map((field) => `${columns[field]} = $${values.push(record[field])}`);
}

// The WHERE clause of a list filtered by equality, or '' without filters.
export function whereEqual(columns, filters, values) {
  const conditions = equalities(columns, filters, values);
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}

// The column list and placeholders of an INSERT of the fields of `record` that the whitelist
// names; the columns left out get their defaults.
export function insertion(columns, record, values) {
  const fields = Object.keys(columns).filter((field) => record[field] !== undefined);
  return {
    columns: fields.map((field) => columns[field]).join(', '),
    placeholders: fields.map((field) => `$${values.push(record[field])}`).join(', '),
  };
}

// Ordered by one sortable field, then by creation, all in the same direction, so that pages
// never overlap.
export function orderBy(columns, { field, descending }) {
  const column = columns[field];
  if (!column) throw new TypeError(`Not a sortable field: ${field}`);
  const direction = descending ? 'DESC' : 'ASC';
  const order = new Set([column, 'created_at', 'id']);
  return `ORDER BY ${[...order].map((name) => `${name} ${direction}`).join(', ')}`;
}
