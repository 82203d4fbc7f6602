// Sign-ins through an OpenID Connect provider: the provider's (issuer, subject) pair names one
// local user. Deleting the user deletes its identities.
export const up = (pgm) => {
  pgm.createTable(
    'identities',
    {
      issuer: { type: 'text', notNull: true },
      subject: { type: 'text', notNull: true },
      user_id: { type: 'uuid', notNull: true, references: 'users', onDelete: 'CASCADE' },
      created_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
    },
    { constraints: { primaryKey: ['issuer', 'subject'] } },
  );
  pgm.createIndex('identities', 'user_id');
};

export const down = (pgm) => {
  pgm.dropTable('identities');
};
