import type { Redis } from 'ioredis';
import type { Adapter, AdapterPayload } from 'oidc-provider';

/**
 * Short-lived protocol state (interactions, sessions, codes, PAR requests, access tokens)
 * in Redis when REDIS_URL is set, so instances share it and the database only holds what
 * must outlive a restart (grants, refresh tokens). Follows oidc-provider's example adapter:
 * grant members are indexed in a set so revocation finds them without a scan.
 */
export const redisModels = new Set(['Interaction', 'Session', 'AuthorizationCode', 'PushedAuthorizationRequest', 'ReplayDetection', 'AccessToken', 'ClientCredentials']);

const grantable = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/** `prefix` keeps several deployments (or test runs) apart in one Redis. */
export function createRedisAdapter(redis: Redis, model: string, prefix = 'yat:oidc:'): Adapter {
  const key = (id: string) => `${prefix}${model}:${id}`;
  const grantKey = (id: string) => `${prefix}grant:${id}`;
  const uidKey = (uid: string) => `${prefix}uid:${uid}`;
  const userCodeKey = (code: string) => `${prefix}usercode:${code}`;
  return {
    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const k = key(id);
      const multi = redis.multi();
      multi.set(k, JSON.stringify(payload));
      if (expiresIn) multi.expire(k, expiresIn);
      if (grantable.has(model) && payload.grantId) {
        multi.rpush(grantKey(payload.grantId), k);
        // The index lives as long as its longest member.
        if (expiresIn) multi.expire(grantKey(payload.grantId), expiresIn, 'GT');
      }
      for (const index of [payload.uid && uidKey(payload.uid), payload.userCode && userCodeKey(payload.userCode)]) {
        if (!index) continue;
        if (expiresIn) multi.set(index, id, 'EX', expiresIn);
        else multi.set(index, id);
      }
      await multi.exec();
    },
    async find(id: string) {
      const data = await redis.get(key(id));
      return data ? (JSON.parse(data) as AdapterPayload) : undefined;
    },
    async findByUid(uid: string) {
      const id = await redis.get(uidKey(uid));
      return id ? this.find(id) : undefined;
    },
    async findByUserCode(userCode: string) {
      const id = await redis.get(userCodeKey(userCode));
      return id ? this.find(id) : undefined;
    },
    async consume(id: string): Promise<void> {
      // Read-modify-write inside a Lua script so two concurrent consumers cannot both win.
      await redis.eval(
        "local v = redis.call('GET', KEYS[1]); if not v then return 0 end; local p = cjson.decode(v); p['consumed'] = tonumber(ARGV[1]); redis.call('SET', KEYS[1], cjson.encode(p), 'KEEPTTL'); return 1",
        1,
        key(id),
        String(Math.floor(Date.now() / 1000)),
      );
    },
    async destroy(id: string): Promise<void> {
      await redis.del(key(id));
    },
    async revokeByGrantId(grantId: string): Promise<void> {
      const members = await redis.lrange(grantKey(grantId), 0, -1);
      const multi = redis.multi();
      for (const m of members) multi.del(m);
      multi.del(grantKey(grantId));
      await multi.exec();
    },
  };
}
