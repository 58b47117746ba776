import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { exportJWK, generateKeyPair } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { dropTestData, testEnv } from '../../../apps/server/test/support/context.ts';
import { freePort } from '../../../apps/server/test/support/platform.ts';
import { createUserAgent, walletLinkIn } from '../../../apps/server/test/support/user-agent.ts';

/**
 * The contract of the command line, end to end and in separate processes: the CLI writes a
 * resident and a client into the database, a server started on the same DATA_DIR (or
 * DATABASE_URL) sees them, the headless wallet registers and approves a login.
 */
const main = path.resolve(import.meta.dirname, '../src/main.ts');
const exec = promisify(execFile);
let env: ReturnType<typeof testEnv>;
let server: ChildProcess;
let issuer: string;

async function yat(...args: string[]) {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--disable-warning=ExperimentalWarning', main, ...args], { env: { ...process.env, ...env.env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  const port = await freePort();
  issuer = `http://127.0.0.1:${port}`;
  env = testEnv({ PORT: String(port), ISSUER: issuer, HOST: '127.0.0.1', SEED_DEMO: 'no' });
});
afterAll(async () => {
  server?.kill('SIGTERM');
  await dropTestData(env.dataDir, env.schema);
});

test('registry add, client add, serve, wallet register, wallet approve: a whole login through the CLI', async () => {
  expect((await yat('registry', 'add', '--id-number', 'A123456(3)', '--name', 'CHAN Tai Man', '--dob', '1980-01-31', '--phone', '91234567', '--email', 'chan@example.com')).code).toBe(0);

  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwksFile = path.join(env.dataDir, 'service-jwks.json');
  fs.writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] }));
  const added = await yat('client', 'add', '--name', 'Library card', '--redirect-uri', 'https://library.example.gov/cb', '--jwks-file', jwksFile, '--scope', 'openid profile email');
  expect(added.code, added.stderr).toBe(0);
  const { client_id } = JSON.parse(added.stdout) as { client_id: string };
  expect(client_id).toMatch(/^svc_/);

  server = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', main, 'serve'], { env: { ...process.env, ...env.env }, stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    server.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      if (err.includes('Yat is running at')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });

  const store = path.join(env.dataDir, 'phone');
  const reg = await yat('wallet', 'register', '--store', store, '--server', issuer, '--id-number', 'A123456(3)', '--dob', '1980-01-31');
  expect(reg.code, reg.stderr).toBe(0);
  expect(JSON.parse(reg.stdout)).toMatchObject({ status: 'registered' });
  expect(fs.statSync(path.join(store, 'wallet.json')).mode & 0o077).toBe(0);

  const config = await oidc.discovery(new URL(issuer), client_id, undefined, oidc.PrivateKeyJwt({ key: privateKey, kid: 'k1' }), { execute: [oidc.allowInsecureRequests] });
  const verifier = oidc.randomPKCECodeVerifier();
  const url = await oidc.buildAuthorizationUrlWithPAR(config, { redirect_uri: 'https://library.example.gov/cb', scope: 'openid profile email', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state: 's1' });
  const ua = createUserAgent();
  const page = await ua.navigate(url.href);
  const link = walletLinkIn(page.body);

  const shown = await yat('wallet', 'show', '--store', store, link);
  expect(JSON.parse(shown.stdout).service.name).toBe('Library card');
  const badShare = await yat('wallet', 'approve', '--store', store, link, '--share', 'name_en,shoe_size');
  expect(badShare.code).toBe(2);
  expect(badShare.stderr).toContain('did not ask for: shoe_size');
  const approved = await yat('wallet', 'approve', '--store', store, link, '--share', 'name_en');
  expect(approved.code, approved.stderr).toBe(0);
  expect(JSON.parse(approved.stdout)).toEqual({ status: 'approved', service: 'Library card', shared: ['name_en'] });

  const uid = new URL(page.url).pathname.split('/')[2];
  const hop = await ua.navigate(`${issuer}/interaction/${uid}/continue`, (u) => u.startsWith('https://library.example.gov/'));
  const tokens = await oidc.authorizationCodeGrant(config, new URL(hop.location!), { pkceCodeVerifier: verifier, expectedState: 's1' });
  const info = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
  expect(info.name).toBe('CHAN Tai Man');
  expect(info.email).toBeUndefined();
});

test('client add refuses bad input with a usage error', async () => {
  const noAuth = await yat('client', 'add', '--name', 'X', '--redirect-uri', 'https://x.example/cb');
  expect(noAuth.code).toBe(2);
  expect(noAuth.stderr).toContain('exactly one of a JWKS');
  const badUri = await yat('client', 'add', '--name', 'X', '--redirect-uri', 'not a url', '--secret');
  expect(badUri.code).toBe(2);
  expect(badUri.stderr).toMatch(/redirect_uris/);
  const secret = await yat('client', 'add', '--name', 'Simple service', '--redirect-uri', 'https://simple.example/cb', '--secret');
  expect(JSON.parse(secret.stdout)).toMatchObject({ client_id: expect.stringMatching(/^svc_/), client_secret: expect.any(String) });
});
