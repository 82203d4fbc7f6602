// Refresh tokens in Postgres (migration create-refresh-tokens), shared by every instance. Each
// operation is one statement, so it is atomic: of two refreshes racing with one token, the second
// finds the family's current token already replaced, which makes it a reuse.
export function createPostgresRefreshTokenStore(pool) {
  return {
    async create({ familyId, userId, tokenHash, expiresAt }) {
      // The user's expired sign-ins go as a new one comes, so the tables do not grow forever.
      await pool.query(
        'DELETE FROM refresh_token_families WHERE user_id = $1 AND expires_at <= now()',
        [userId],
      );
      await pool.query(
        `WITH family AS (
           INSERT INTO refresh_token_families (id, user_id, current_token_hash, expires_at)
           VALUES ($1, $2, $3, $4)
           RETURNING id
         )
         INSERT INTO refresh_tokens (token_hash, family_id, expires_at)
         SELECT $3, id, $4 FROM family`,
        [familyId, userId, tokenHash, expiresAt],
      );
    },

    async rotate(tokenHash, successor) {
      const rotated = await pool.query(
        `WITH family AS (
           UPDATE refresh_token_families SET current_token_hash = $2, expires_at = $3
           WHERE current_token_hash = $1 AND expires_at > now()
           RETURNING id, user_id
         ), recorded AS (
           INSERT INTO refresh_tokens (token_hash, family_id, expires_at)
           SELECT $2, id, $3 FROM family
         )
         SELECT id, user_id FROM family`,
        [tokenHash, successor.tokenHash, successor.expiresAt],
      );
      if (rotated.rows.length > 0) {
        const [{ id, user_id: userId }] = rotated.rows;
        return { status: 'rotated', userId, familyId: id };
      }
      // Not a current token: a replaced one (revoke its family) or one this store does not know.
      const revoked = await pool.query(
        `DELETE FROM refresh_token_families
         WHERE id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND expires_at > now())
         RETURNING id`,
        [tokenHash],
      );
      return revoked.rows.length > 0
        ? { status: 'reused', familyId: revoked.rows[0].id }
        : { status: 'invalid' };
    },

    async revokeFamily(tokenHash) {
      const revoked = await pool.query(
        `DELETE FROM refresh_token_families
         WHERE id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)
         RETURNING id`,
        [tokenHash],
      );
      return revoked.rows[0]?.id;
    },
  };
}
