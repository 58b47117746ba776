import * as oidc from 'openid-client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openSession } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { registeredWallet } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { logoutReceiver, registerService, signIn } from './service.ts';

/** With REDIS_URL set, access tokens live in Redis: revoking a service must end them there too. */
const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) throw new Error('redis tests need TEST_REDIS_URL (CI sets redis://127.0.0.1:6379/15)');

let p: Platform;
beforeAll(async () => {
  p = await startPlatform({ REDIS_URL: redisUrl });
});
afterAll(() => p.close());

test('revoking in the wallet ends the access token held in Redis, the refresh token, and tells the service', async () => {
  const receiver = await logoutReceiver();
  try {
    const svc = await registerService(p, { fields: { required: ['name_en'], optional: [] }, backchannelLogoutUri: receiver.url });
    const { result, wallet } = await signIn(p, svc, await registeredWallet(p), { fields: ['name_en'] }, 'all');
    expect((await oidc.tokenIntrospection(svc.yat.config, result.tokens.accessToken)).active).toBe(true);
    const { cookie } = await openSession(wallet);
    const res = await fetch(`${p.issuer}/api/wallet/services/${svc.clientId}`, { method: 'DELETE', headers: { cookie } });
    expect(res.status).toBe(204);
    expect((await oidc.tokenIntrospection(svc.yat.config, result.tokens.accessToken)).active).toBe(false);
    await expect(svc.yat.refresh(result.tokens.refreshToken!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await svc.yat.verifyLogoutToken(receiver.bodies[0]!)).sid).toBe(result.claims.sid);
  } finally {
    await receiver.close();
  }
});
