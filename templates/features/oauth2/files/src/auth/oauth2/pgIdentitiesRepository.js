// Identities at OpenID Connect providers, linked to local users (migration create-identities).
export function createPgIdentitiesRepository(pool) {
  return {
    async findUserId(issuer, subject) {
      const { rows } = await pool.query(
        'SELECT user_id FROM identities WHERE issuer = $1 AND subject = $2',
        [issuer, subject],
      );
      return rows[0]?.user_id ?? null;
    },
    // A subject whose user was deleted is linked again to the user created in its place.
    async link(issuer, subject, userId) {
      await pool.query(
        `INSERT INTO identities (issuer, subject, user_id) VALUES ($1, $2, $3)
         ON CONFLICT (issuer, subject) DO UPDATE SET user_id = EXCLUDED.user_id`,
        [issuer, subject, userId],
      );
    },
  };
}
