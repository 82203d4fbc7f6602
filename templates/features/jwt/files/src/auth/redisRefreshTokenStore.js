// Refresh tokens in Redis, shared by every instance. Keys, all under REDIS_KEY_PREFIX and each
// expiring with what it holds:
//   <prefix>refresh:token:<sha256>  -> the family id, for current and replaced tokens alike
//   <prefix>refresh:family:<id>     -> hash { userId, current: the sha256 of the current token }
// Revoking a family deletes its hash; its tokens' keys then lead nowhere until they expire.
// The scripts below run atomically, so two refreshes racing with one token cannot both win.

// KEYS: the presented token's key, the successor's key. ARGV: family key prefix, presented hash,
// successor hash, successor expiry (ms since the epoch).
const ROTATE = `
local familyId = redis.call('GET', KEYS[1])
if not familyId then return {'invalid'} end
local familyKey = ARGV[1] .. familyId
local family = redis.call('HMGET', familyKey, 'current', 'userId')
if not family[1] then return {'invalid'} end
if family[1] ~= ARGV[2] then
  redis.call('DEL', familyKey)
  return {'reused', familyId}
end
redis.call('HSET', familyKey, 'current', ARGV[3])
redis.call('PEXPIREAT', familyKey, ARGV[4])
redis.call('SET', KEYS[2], familyId, 'PXAT', ARGV[4])
return {'rotated', familyId, family[2]}
`;

// KEYS: the token's key. ARGV: family key prefix. Answers the id of the family it revoked.
const REVOKE_FAMILY = `
local familyId = redis.call('GET', KEYS[1])
if familyId and redis.call('DEL', ARGV[1] .. familyId) == 1 then return familyId end
return false
`;

export function createRedisRefreshTokenStore({ redis, keyPrefix }) {
  const tokenKey = (tokenHash) => `${keyPrefix}refresh:token:${tokenHash}`;
  const familyPrefix = `${keyPrefix}refresh:family:`;

  return {
    async create({ familyId, userId, tokenHash, expiresAt }) {
      const expiration = { type: 'PXAT', value: expiresAt.getTime() };
      await redis
        .multi()
        .hSet(familyPrefix + familyId, { userId, current: tokenHash })
        .pExpireAt(familyPrefix + familyId, expiresAt.getTime())
        .set(tokenKey(tokenHash), familyId, { expiration })
        .exec();
    },

    async rotate(tokenHash, successor) {
      const [status, familyId, userId] = await redis.eval(ROTATE, {
        keys: [tokenKey(tokenHash), tokenKey(successor.tokenHash)],
        arguments: [
          familyPrefix,
          tokenHash,
          successor.tokenHash,
          String(successor.expiresAt.getTime()),
        ],
      });
      if (status === 'rotated') return { status, userId, familyId };
      return status === 'reused' ? { status, familyId } : { status };
    },

    async revokeFamily(tokenHash) {
      const familyId = await redis.eval(REVOKE_FAMILY, {
        keys: [tokenKey(tokenHash)],
        arguments: [familyPrefix],
      });
      return familyId ?? undefined;
    },
  };
}
