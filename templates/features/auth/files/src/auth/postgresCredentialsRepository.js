// Password hashes in Postgres (migration create-credentials), deleted with their user.
export function createPostgresCredentialsRepository(pool) {
  return {
    async findPasswordHash(userId) {
      const { rows } = await pool.query(
        'SELECT password_hash FROM credentials WHERE user_id = $1',
        [userId],
      );
      return rows[0]?.password_hash ?? null;
    },
    async savePasswordHash(userId, passwordHash) {
      await pool.query(
        `INSERT INTO credentials (user_id, password_hash) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = now()`,
        [userId, passwordHash],
      );
    },
  };
}
