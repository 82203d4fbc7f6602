import { AppError } from '../errors/AppError.js';

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Instants leave Postgres as the API writes them (ISO 8601 in UTC, to the millisecond, as
// Date#toISOString has it): making a Date of each only to print it again cost more than the rest
// of the row.
const iso = (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const COLUMNS = `id, email, name, role,
  ${iso('created_at')} AS created_at, ${iso('updated_at')} AS updated_at`;
// The fields `update` may change, and their columns: names never come from the caller.
const UPDATABLE = { email: 'email', name: 'name', role: 'role' };
// The reads that requests make are named, so that each connection prepares them once: Postgres
// then parses and plans them once per connection rather than on every call.
//
// The page and its total come from one statement, so from one snapshot: they agree with each other
// without a transaction, in a single round trip. The count is joined to the page, so a page past
// the end is one row of nulls that still carries the total.
const LIST = {
  name: 'users.list',
  text: `SELECT ${COLUMNS}, counted.total
           FROM (SELECT count(*)::int AS total FROM users) AS counted
           LEFT JOIN LATERAL (
             SELECT * FROM users ORDER BY created_at, id LIMIT $1 OFFSET $2
           ) AS users ON true
          ORDER BY users.created_at, users.id`,
};
const FIND_BY_ID = { name: 'users.findById', text: `SELECT ${COLUMNS} FROM users WHERE id = $1` };
const FIND_BY_EMAIL = {
  name: 'users.findByEmail',
  text: `SELECT ${COLUMNS} FROM users WHERE lower(email) = lower($1)`,
};

// The users repository on Postgres, with the in-memory repository's interface. Every value
// reaches the database as a query parameter, never as SQL text.
export function createPostgresUsersRepository(pool) {
  async function query(statement, values) {
    try {
      return await pool.query(statement, values);
    } catch (error) {
      if (error.code === UNIQUE_VIOLATION) throw AppError.conflict('Email is already in use');
      // Only a delete can violate a foreign key here: records of a resource still reference the
      // user.
      if (error.code === FOREIGN_KEY_VIOLATION) throw AppError.conflict('The user is referenced');
      throw error;
    }
  }

  return {
    async list({ page, limit }) {
      const { rows } = await query({ ...LIST, values: [limit, (page - 1) * limit] });
      const listed = rows.filter((row) => row.id !== null);
      return { data: listed.map(toUser), total: rows[0].total };
    },
    // Like the in-memory repository, an id that cannot exist is simply not found.
    async findById(id) {
      if (!UUID.test(id)) return null;
      const { rows } = await query({ ...FIND_BY_ID, values: [id] });
      return rows.length ? toUser(rows[0]) : null;
    },
    // The users that exist among `ids`, in the order of `ids` (for DataLoader).
    async findByIds(ids) {
      const wanted = ids.filter((id) => UUID.test(id));
      if (wanted.length === 0) return [];
      const { rows } = await query(`SELECT ${COLUMNS} FROM users WHERE id = ANY($1::uuid[])`, [
        wanted,
      ]);
      const byId = new Map(rows.map((row) => [row.id, toUser(row)]));
      return wanted.map((id) => byId.get(id.toLowerCase())).filter(Boolean);
    },
    async findByEmail(email) {
      const { rows } = await query({ ...FIND_BY_EMAIL, values: [email] });
      return rows.length ? toUser(rows[0]) : null;
    },
    async create({ email, name, role = 'user' }) {
      const { rows } = await query(
        `INSERT INTO users (email, name, role) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
        [email, name, role],
      );
      return toUser(rows[0]);
    },
    async update(id, changes) {
      if (!UUID.test(id)) return null;
      const fields = Object.keys(UPDATABLE).filter((field) => changes[field] !== undefined);
      const assignments = fields.map((field, index) => `${UPDATABLE[field]} = $${index + 2}`);
      const { rows } = await query(
        `UPDATE users SET ${[...assignments, 'updated_at = now()'].join(', ')}
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, ...fields.map((field) => changes[field])],
      );
      return rows.length ? toUser(rows[0]) : null;
    },
    async remove(id) {
      if (!UUID.test(id)) return false;
      const { rowCount } = await query('DELETE FROM users WHERE id = $1', [id]);
      return rowCount > 0;
    },
  };
}

function toUser(row) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
