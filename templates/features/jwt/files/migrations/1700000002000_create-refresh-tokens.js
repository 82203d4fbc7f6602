// Refresh tokens, by the SHA-256 of each (the tokens themselves are never stored). A family is one
// sign-in: its user, its current token and when that expires. refresh_tokens keeps every token a
// family has had, so that one presented again after it was replaced is recognised as a reuse.
// Deleting a user deletes its families, and deleting a family deletes its tokens.
export const up = (pgm) => {
  pgm.createTable('refresh_token_families', {
    id: { type: 'uuid', primaryKey: true },
    user_id: { type: 'uuid', notNull: true, references: 'users', onDelete: 'CASCADE' },
    current_token_hash: { type: 'text', notNull: true, unique: true },
    expires_at: { type: 'timestamptz', notNull: true },
    created_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
  });
  pgm.createIndex('refresh_token_families', 'user_id');
  pgm.createTable('refresh_tokens', {
    token_hash: { type: 'text', primaryKey: true },
    family_id: {
      type: 'uuid',
      notNull: true,
      references: 'refresh_token_families',
      onDelete: 'CASCADE',
    },
    expires_at: { type: 'timestamptz', notNull: true },
  });
  pgm.createIndex('refresh_tokens', 'family_id');
};

export const down = (pgm) => {
  pgm.dropTable('refresh_tokens');
  pgm.dropTable('refresh_token_families');
};
