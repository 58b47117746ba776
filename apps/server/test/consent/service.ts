import http from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import { createYatClient, type StartLogin, type YatClient } from '@yat/sdk';
import { approveRequest, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { registerClient, type NewClient } from '../../src/oidc/client-registration.ts';
import type { Platform } from '../support/platform.ts';
import { createUserAgent, verificationCodeIn, walletLinkIn } from '../support/user-agent.ts';

/**
 * A service as a department builds it: registered with its public key and its e-ME fields,
 * talking to the platform through the SDK (openid-client underneath).
 */
export type Service = { clientId: string; redirectUri: string; yat: YatClient };

export async function registerService(p: Platform, opts: Partial<NewClient> = {}): Promise<Service> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const redirectUri = opts.redirectUris?.[0] ?? 'https://library.example.gov/callback';
  const { client_id } = await registerClient(p.app, {
    name: 'Library card service',
    department: 'Public Libraries',
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] },
    ...opts,
    redirectUris: [redirectUri],
  });
  const yat = await createYatClient({ issuer: p.issuer, clientId: client_id, redirectUri, privateKey: { ...(await exportJWK(privateKey)), kid: 'k1', alg: 'ES256' } });
  return { clientId: client_id, redirectUri, yat };
}

/** One login through a cookie-jar browser and the headless wallet; returns the SDK's result and the wallet's next state. */
export async function signIn(p: Platform, svc: Service, wallet: WalletState, params: StartLogin, share: Parameters<typeof approveRequest>[2]) {
  const ua = createUserAgent();
  const { url, cookieState } = await svc.yat.startLogin(params);
  const page = await ua.navigate(url);
  if (!page.url.includes('/interaction/')) throw new Error(`expected the sign-in page, got ${page.status} ${page.url}`);
  const uid = new URL(page.url).pathname.split('/')[2]!;
  const link = walletLinkIn(page.body);
  const approved = await approveRequest(wallet, link, share, verificationCodeIn(page.body));
  const hop = await ua.navigate(`${p.issuer}/interaction/${uid}/continue`, (u) => u.startsWith(svc.redirectUri));
  if (!hop.location?.startsWith(svc.redirectUri)) throw new Error('the browser did not return to the service');
  return { result: await svc.yat.finishLogin(hop.location, cookieState), wallet: approved.state, link };
}

/** Shows the sign-in page only (the wallet has not answered yet). */
export async function showPage(svc: Service, params: StartLogin) {
  const ua = createUserAgent();
  const { url } = await svc.yat.startLogin(params);
  const page = await ua.navigate(url);
  return { page, link: walletLinkIn(page.body), code: verificationCodeIn(page.body) };
}

/** A service's back-channel logout endpoint on this machine, recording what it receives. */
export async function logoutReceiver(): Promise<{ url: string; bodies: string[]; close(): Promise<void> }> {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(200, { 'cache-control': 'no-store' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/backchannel-logout`, bodies, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
