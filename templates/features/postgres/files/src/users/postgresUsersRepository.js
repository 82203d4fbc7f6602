import { AppError } from '../errors/AppError.js';

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS = 'id, email, name, role, created_at, updated_at';
// The fields `update` may change, and their columns: names never come from the caller.
const UPDATABLE = { email: 'email', name: 'name', role: 'role' };

// The users repository on Postgres, with the in-memory repository's interface. Every value
// reaches the database as a query parameter, never as SQL text.
export function createPostgresUsersRepository(pool) {
  async function query(text, values) {
    try {
      return await pool.query(text, values);
    } catch (error) {
      if (error.code === UNIQUE_VIOLATION) throw AppError.conflict('Email is already in use');
      // Only a delete can violate a foreign key here: records of a resource still reference the
      // user.
      if (error.code === FOREIGN_KEY_VIOLATION) throw AppError.conflict('The user is referenced');
      throw error;
    }
  }

  return {
    // The page and its total come from one statement, so from one snapshot: they agree with each
    // other without a transaction, in a single round trip. The count is joined to the page, so a
    // page past the end is one row of nulls that still carries the total.
    async list({ page, limit }) {
      const { rows } = await query(
        `SELECT listed.*, counted.total
           FROM (SELECT count(*)::int AS total FROM users) AS counted
           LEFT JOIN LATERAL (
             SELECT ${COLUMNS} FROM users ORDER BY created_at, id LIMIT $1 OFFSET $2
           ) AS listed ON true
          ORDER BY listed.created_at, listed.id`,
        [limit, (page - 1) * limit],
      );
      const listed = rows.filter((row) => row.id !== null);
      return { data: listed.map(toUser), total: rows[0].total };
    },
    // Like the in-memory repository, an id that cannot exist is simply not found.
    async findById(id) {
      if (!UUID.test(id)) return null;
      const { rows } = await query(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
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
      const { rows } = await query(`SELECT ${COLUMNS} FROM users WHERE lower(email) = lower($1)`, [
        email,
      ]);
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
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
