// Password hashes, one per user that has a password, apart from the users table so that no user
// query can return one. Deleting the user deletes its hash.
export const up = (pgm) => {
  pgm.createTable('credentials', {
    user_id: { type: 'uuid', primaryKey: true, references: 'users', onDelete: 'CASCADE' },
    password_hash: { type: 'text', notNull: true },
    created_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
    updated_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
  });
};

export const down = (pgm) => {
  pgm.dropTable('credentials');
};
