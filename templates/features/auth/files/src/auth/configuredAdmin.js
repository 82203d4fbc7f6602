// ADMIN_EMAIL and ADMIN_PASSWORD name the administrator the service must have after start-up.
export async function ensureConfiguredAdmin({ config, accounts, logger }) {
  const { adminEmail, adminPassword } = config;
  if (adminEmail && adminPassword) {
    try {
      await accounts.ensureAdmin(adminEmail, adminPassword);
    } catch (error) {
      // Start-up fails with this message: it says which step, the cause says why.
      throw new Error(`the ADMIN_EMAIL account cannot be ensured: ${error.message}`, {
        cause: error,
      });
    }
    logger.info({ email: adminEmail }, 'administrator account ensured');
  } else if (adminEmail || adminPassword) {
    logger.warn('set both ADMIN_EMAIL and ADMIN_PASSWORD to ensure an administrator account');
  }
}
