// Measures one full login's server time: the sum of the time the server spends on each HTTP
// request of a login (PAR → authorize → sign-in page → wallet fetch + approval → status →
// continue → resume → token → userinfo), over sequential logins on an idle platform.
// Run: npm exec -- node apps/server/test/support/measure-login.ts [count]
import * as oidc from 'openid-client';
import { login, registeredWallet } from './login.ts';
import { startPlatform } from './platform.ts';
import { createRelyingParty } from './relying-party.ts';

const count = Number(process.argv[2] ?? 200);
// The probe sends hundreds of logins from one address: exempt it from the per-address limits.
const p = await startPlatform({ RATE_LIMIT_ALLOWLIST: '127.0.0.1' });
let serverNs = 0n;
let requests = 0;
p.app.server.server.on('request', (_req, res) => {
  const t0 = process.hrtime.bigint();
  res.on('finish', () => {
    serverNs += process.hrtime.bigint() - t0;
    requests++;
  });
});
const rp = await createRelyingParty(p.app, p.issuer);
let wallet = await registeredWallet(p);
for (let i = 0; i < 20; i++) wallet = (await login(p, rp, wallet)).wallet; // warm-up
serverNs = 0n;
requests = 0;
const t0 = process.hrtime.bigint();
for (let i = 0; i < count; i++) {
  const r = await login(p, rp, wallet);
  wallet = r.wallet;
  await oidc.fetchUserInfo(rp.config, r.tokens.access_token, r.tokens.claims()!.sub);
}
const wallNs = process.hrtime.bigint() - t0;
console.log(JSON.stringify({ dialect: p.ctx.storage.dialect, logins: count, requestsPerLogin: requests / count, serverMsPerLogin: Number(serverNs / BigInt(count)) / 1e6, wallMsPerLogin: Number(wallNs / BigInt(count)) / 1e6 }));
await p.close();
