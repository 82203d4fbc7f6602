import { randomUUID } from 'node:crypto';
import { AppError } from '../errors/AppError.js';

// Stored users are frozen, so a caller can never change one behind the repository's back.
export function createMemoryUsersRepository() {
  const users = new Map();

  function findByEmail(email) {
    const wanted = email.toLowerCase();
    return [...users.values()].find((user) => user.email.toLowerCase() === wanted);
  }

  function assertEmailAvailable(email, exceptId) {
    const owner = findByEmail(email);
    if (owner && owner.id !== exceptId) throw AppError.conflict('Email is already in use');
  }

  function save(user) {
    const stored = Object.freeze(user);
    users.set(stored.id, stored);
    return stored;
  }

  return {
    async list({ page, limit }) {
      const all = [...users.values()];
      return { data: all.slice((page - 1) * limit, page * limit), total: all.length };
    },
    async findById(id) {
      return users.get(id) ?? null;
    },
    // The users that exist among `ids`, in the order of `ids` (for DataLoader).
    async findByIds(ids) {
      return ids.map((id) => users.get(id)).filter(Boolean);
    },
    async findByEmail(email) {
      return findByEmail(email) ?? null;
    },
    async create({ email, name, role = 'user' }) {
      assertEmailAvailable(email);
      const now = new Date().toISOString();
      return save({ id: randomUUID(), email, name, role, createdAt: now, updatedAt: now });
    },
    async update(id, changes) {
      const user = users.get(id);
      if (!user) return null;
      if (changes.email !== undefined) assertEmailAvailable(changes.email, id);
      return save({ ...user, ...changes, updatedAt: new Date().toISOString() });
    },
    async remove(id) {
      return users.delete(id);
    },
  };
}
