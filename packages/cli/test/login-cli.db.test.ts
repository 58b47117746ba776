import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { exportJWK, generateKeyPair } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { dropTestData, testEnv } from '../../../apps/server/test/support/context.ts';
import { freePort } from '../../../apps/server/test/support/platform.ts';
import { createUserAgent, verificationCodeIn, walletLinkIn } from '../../../apps/server/test/support/user-agent.ts';

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
  const first = await ua.navigate(url.href);
  const uid = new URL(first.url).pathname.split('/')[2];

  // The wallet offers three codes; the resident picks the one the page shows. A wrong pick
  // (one of the three, so the server is the one saying no) cancels the request, and the
  // browser does not move on: it is sent back to the sign-in page, which offers a new code.
  const firstShown = JSON.parse((await yat('wallet', 'show', '--store', store, walletLinkIn(first.body))).stdout) as { codeChoices: string[] };
  expect(firstShown.codeChoices).toHaveLength(3);
  expect(firstShown.codeChoices).toContain(verificationCodeIn(first.body));
  const wrongCode = firstShown.codeChoices.find((c) => c !== verificationCodeIn(first.body))!;
  const wrong = await yat('wallet', 'approve', '--store', store, walletLinkIn(first.body), '--code', wrongCode, '--share', 'name_en');
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toContain('(wrong_code)');
  const stayed = await ua.navigate(`${issuer}/interaction/${uid}/continue`, (u) => u.startsWith('https://library.example.gov/'));
  expect(stayed.location ?? '').not.toMatch(/^https:\/\/library\.example\.gov\//);
  expect(stayed.url).toContain(`/interaction/${uid}`);
  const noCode = await yat('wallet', 'approve', '--store', store, walletLinkIn(first.body), '--share', 'name_en');
  expect(noCode.code).toBe(2);
  expect(noCode.stderr).toContain('--code NN is required');

  // The sign-in page, reloaded, shows a new request with a new code.
  const page = await ua.navigate(`${issuer}/interaction/${uid}`);
  const link = walletLinkIn(page.body);
  expect(link).not.toBe(walletLinkIn(first.body));
  const code = verificationCodeIn(page.body);

  const shown = await yat('wallet', 'show', '--store', store, link);
  expect(JSON.parse(shown.stdout).service.name).toBe('Library card');
  const badShare = await yat('wallet', 'approve', '--store', store, link, '--code', code, '--share', 'name_en,shoe_size');
  expect(badShare.code).toBe(2);
  expect(badShare.stderr).toContain('did not ask for: shoe_size');
  const approved = await yat('wallet', 'approve', '--store', store, link, '--code', code, '--share', 'name_en');
  expect(approved.code, approved.stderr).toBe(0);
  expect(JSON.parse(approved.stdout)).toEqual({ status: 'approved', service: 'Library card', shared: ['name_en'] });

  const hop = await ua.navigate(`${issuer}/interaction/${uid}/continue`, (u) => u.startsWith('https://library.example.gov/'));
  const tokens = await oidc.authorizationCodeGrant(config, new URL(hop.location!), { pkceCodeVerifier: verifier, expectedState: 's1' });
  const info = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
  expect(info.name).toBe('CHAN Tai Man');
  expect(info.email).toBeUndefined();

  // CIBA through the CLI: the library's counter asks the resident it knows by `sub`; the
  // headless wallet lists the request and approves it by id.
  const ciba = await generateKeyPair('ES256');
  const jwksServer = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [{ ...exportedCiba, kid: 'c1', alg: 'ES256', use: 'sig' }] })));
  const exportedCiba = await exportJWK(ciba.publicKey);
  const jwksPort = await freePort();
  await new Promise<void>((r) => jwksServer.listen(jwksPort, '127.0.0.1', r));
  try {
    const cibaClient = await yat('client', 'add', '--name', 'Library counter', '--ciba', 'poll', '--jwks-uri', `http://127.0.0.1:${jwksPort}/jwks.json`, '--sector', 'library.example.gov');
    expect(cibaClient.code, cibaClient.stderr).toBe(0);
    const counter = await oidc.discovery(new URL(issuer), (JSON.parse(cibaClient.stdout) as { client_id: string }).client_id, undefined, oidc.PrivateKeyJwt({ key: ciba.privateKey, kid: 'c1' }), { execute: [oidc.allowInsecureRequests] });
    const started = await oidc.initiateBackchannelAuthentication(counter, { scope: 'openid', login_hint: tokens.claims()!.sub, binding_message: 'Counter 4' });
    const listed = await yat('wallet', 'pending', '--store', store);
    expect(listed.code, listed.stderr).toBe(0);
    const { requests } = JSON.parse(listed.stdout) as { requests: Array<{ id: string; bindingMessage: string; service: { name: string } }> };
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ bindingMessage: 'Counter 4', service: { name: 'Library counter' } });
    const ok = await yat('wallet', 'approve', '--store', store, '--ciba', requests[0]!.id);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ status: 'approved', service: 'Library counter' });
    const cibaTokens = await oidc.genericGrantRequest(counter, 'urn:openid:params:grant-type:ciba', { auth_req_id: started.auth_req_id });
    expect(cibaTokens.claims()!.sub).toBe(tokens.claims()!.sub);
  } finally {
    jwksServer.close();
  }
}, 240_000);

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
