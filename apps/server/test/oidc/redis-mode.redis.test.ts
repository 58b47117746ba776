import { Redis } from 'ioredis';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { login, registeredWallet } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty } from '../support/relying-party.ts';

/**
 * With REDIS_URL set (how several instances share short-lived state), the whole flow works
 * and the short-lived artefacts really live in Redis, not in the database.
 */
const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) throw new Error('redis-mode tests need TEST_REDIS_URL (CI sets redis://127.0.0.1:6379/15)');

let p: Platform;
let redis: Redis;
beforeAll(async () => {
  p = await startPlatform({ REDIS_URL: redisUrl });
  redis = new Redis(redisUrl);
});
afterAll(async () => {
  redis.disconnect();
  await p.close();
});

test('login, userinfo and refresh with interactions, sessions, codes and access tokens in Redis', async () => {
  const rp = await createRelyingParty(p.app, p.issuer, { scope: 'openid offline_access profile' });
  const { tokens } = await login(p, rp, await registeredWallet(p), { scope: 'openid offline_access profile' });
  const info = await oidc.fetchUserInfo(rp.config, tokens.access_token, tokens.claims()!.sub);
  expect(info.name).toBeTruthy();
  const refreshed = await oidc.refreshTokenGrant(rp.config, tokens.refresh_token!);
  expect(refreshed.access_token).toBeTruthy();

  const inDb = await p.ctx.storage.db.selectFrom('oidc_payloads').select('model').distinct().execute();
  const models = inDb.map((r) => r.model).sort();
  expect(models).toEqual(expect.arrayContaining(['Grant', 'RefreshToken']));
  for (const shortLived of ['Interaction', 'Session', 'AuthorizationCode', 'AccessToken', 'PushedAuthorizationRequest']) expect(models).not.toContain(shortLived);
  expect(await redis.keys('yat:oidc:AccessToken:*')).not.toHaveLength(0);
});
