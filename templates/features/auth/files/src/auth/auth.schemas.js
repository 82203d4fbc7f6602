import { z } from 'zod';
import { createUserBody } from '../users/users.schemas.js';

// Long passphrases are welcome; the upper bound only keeps hashing work per request bounded.
const newPassword = z.string().min(12).max(256);

export const registerBody = createUserBody.extend({ password: newPassword });

// Sign-in checks only that a password was sent: length rules apply to new passwords.
export const signInBody = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(256),
});
