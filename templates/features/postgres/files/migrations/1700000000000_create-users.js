// The users of the example resource. Emails are unique whatever their case: the unique index is
// on lower(email), which is also what the repository looks emails up by.
export const up = (pgm) => {
  pgm.createTable('users', {
    id: { type: 'uuid', primaryKey: true, default: pgm.func('gen_random_uuid()') },
    email: { type: 'text', notNull: true },
    name: { type: 'text', notNull: true },
    role: { type: 'text', notNull: true, default: 'user' },
    created_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
    updated_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
  });
  pgm.sql('CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email))');
  // Pages are read in creation order.
  pgm.createIndex('users', ['created_at', 'id']);
};

export const down = (pgm) => {
  pgm.dropTable('users');
};
