import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { login, registeredWallet } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty } from '../support/relying-party.ts';

/**
 * Redis closes the server's connections (a restart, a failover, CLIENT KILL): the process
 * carries on, ioredis reconnects, and within 5 s logins work again with no 5xx.
 */
const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) throw new Error('redis tests need TEST_REDIS_URL (CI sets redis://127.0.0.1:6379/15)');

let p: Platform;
let admin: Redis;
beforeAll(async () => {
  p = await startPlatform({ REDIS_URL: redisUrl });
  admin = new Redis(redisUrl);
});
afterAll(async () => {
  admin?.disconnect();
  await p?.close();
});

/** Closes every connection this process's server holds (named yat/<pid>), as a Redis restart would. */
async function killServerConnections(): Promise<number> {
  const list = (await admin.client('LIST')) as string;
  const ids = list
    .split('\n')
    .filter((l) => l.includes(` name=yat/${process.pid} `))
    .map((l) => /^id=(\d+)/.exec(l)![1]!);
  for (const id of ids) await admin.client('KILL', 'ID', id);
  return ids.length;
}

test('after CLIENT KILL the server is ready within 5 s, and logins then complete with no 5xx', async () => {
  const rp = await createRelyingParty(p.app, p.issuer);
  let wallet = await registeredWallet(p);
  wallet = (await login(p, rp, wallet)).wallet;

  for (let round = 0; round < 3; round++) {
    expect(await killServerConnections()).toBeGreaterThan(0);
    const lost = Date.now();
    while ((await fetch(`${p.issuer}/readyz`)).status !== 200) {
      expect(Date.now() - lost).toBeLessThan(5000);
      await new Promise((r) => setTimeout(r, 100));
    }
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const done = await login(p, rp, wallet);
      wallet = done.wallet;
      expect(done.tokens.access_token).toBeTruthy();
    }
    for (let i = 0; i < 30; i++) statuses.push((await fetch(`${p.issuer}/.well-known/openid-configuration`)).status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  }
});
