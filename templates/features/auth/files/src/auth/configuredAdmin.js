// ADMIN_EMAIL and ADMIN_PASSWORD name the administrator the service must have after start-up.
export async function ensureConfiguredAdmin({ config, accounts, logger }) {
  const { adminEmail, adminPassword } = config;
  if (adminEmail && adminPassword) {
    await accounts.ensureAdmin(adminEmail, adminPassword);
    logger.info({ email: adminEmail }, 'administrator account ensured');
  } else if (adminEmail || adminPassword) {
    logger.warn('set both ADMIN_EMAIL and ADMIN_PASSWORD to ensure an administrator account');
  }
}
