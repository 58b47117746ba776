import crypto from 'node:crypto';
import { browse, createJar, send, type Target } from './http.ts';
import { timed, type Recorder } from './recorder.ts';
import { exchangeCode, FlowError, pushAuthorization, userinfo, type Endpoints, type Rp, type Tokens } from './rp.ts';
import { walletApprove, walletDescribe, type BenchWallet } from './wallet.ts';

/**
 * One complete login, as it happens for a resident: the service pushes the request (PAR),
 * a fresh browser follows it to the sign-in page, the phone reads and approves the request
 * (a real WebAuthn signature), the browser sees the approval and continues, and the service
 * exchanges the code and reads userinfo. Every hop is a real request; each is timed.
 */
export type FlowEnv = { t: Target; rp: Rp; endpoints: Endpoints; rec: Recorder };

function walletLinkIn(page: string): string {
  const m = page.match(/href="([^"]+)"[^>]*data-wallet-link/);
  if (!m) throw new FlowError('no data-wallet-link on the sign-in page');
  return m[1]!.replaceAll('&amp;', '&');
}

function expectRedirect(step: string, res: { status: number; location?: string; body: string }, to?: (l: string) => boolean): string {
  if (res.status < 300 || res.status >= 400 || !res.location || (to && !to(res.location))) throw new FlowError(`${step}: expected a redirect, got ${res.status} ${res.location ?? res.body.slice(0, 160)}`);
  return res.location;
}

export async function yatLogin(env: FlowEnv, instance: number, wallet: BenchWallet): Promise<Tokens> {
  const { t, rp, endpoints, rec } = env;
  const acc = { serverMs: 0 };
  const t0 = performance.now();
  const jar = createJar();
  const { url, checks } = await timed(rec, 'par', () => pushAuthorization(t, instance, rp, endpoints), acc);
  const interaction = expectRedirect('authorize', await timed(rec, 'authorize', () => browse(t, instance, jar, url), acc), (l) => l.includes('/interaction/'));
  const page = await timed(rec, 'login_page', () => browse(t, instance, jar, interaction), acc);
  if (page.status !== 200) throw new FlowError(`login_page: HTTP ${page.status}`);
  const { token, view } = await timed(rec, 'wallet_request', () => walletDescribe(t, instance, walletLinkIn(page.body)), acc);
  // The resident reads the two-digit code off the sign-in page and picks it in the wallet.
  const code = page.body.match(/data-verification-code>(\d{2})</)?.[1];
  if (!code) throw new FlowError('no data-verification-code on the sign-in page');
  await timed(rec, 'wallet_approve', () => walletApprove(t, instance, wallet, token, view, code), acc);
  // The page's script learns of the approval from the status endpoint, then moves on.
  const status = await timed(rec, 'status', () => browse(t, instance, jar, `${interaction}/status`, { headers: { accept: 'application/json' } }), acc);
  if (!status.body.includes('"approved"')) throw new FlowError(`status: ${status.body.slice(0, 100)}`);
  const resume = expectRedirect('continue', await timed(rec, 'continue', () => browse(t, instance, jar, `${interaction}/continue`), acc));
  const callback = expectRedirect('resume', await timed(rec, 'resume', () => browse(t, instance, jar, resume), acc), (l) => l.startsWith(rp.redirectUri));
  const tokens = await timed(rec, 'token', () => exchangeCode(t, instance, rp, endpoints, callback, checks), acc);
  await timed(rec, 'userinfo', () => userinfo(t, instance, endpoints, tokens.access_token), acc);
  rec.record('flow', performance.now() - t0);
  rec.record('flow_server', acc.serverMs);
  return tokens;
}

/** The same code flow against the bare oidc-provider, whose interaction signs in at once. */
export async function bareLogin(env: FlowEnv, instance: number): Promise<Tokens> {
  const { t, rp, endpoints, rec } = env;
  const acc = { serverMs: 0 };
  const t0 = performance.now();
  const jar = createJar();
  const { url, checks } = await timed(rec, 'par', () => pushAuthorization(t, instance, rp, endpoints), acc);
  const interaction = expectRedirect('authorize', await timed(rec, 'authorize', () => browse(t, instance, jar, url), acc), (l) => l.includes('/interaction/'));
  const resume = expectRedirect('interaction', await timed(rec, 'continue', () => browse(t, instance, jar, interaction), acc));
  const callback = expectRedirect('resume', await timed(rec, 'resume', () => browse(t, instance, jar, resume), acc), (l) => l.startsWith(rp.redirectUri));
  const tokens = await timed(rec, 'token', () => exchangeCode(t, instance, rp, endpoints, callback, checks), acc);
  await timed(rec, 'userinfo', () => userinfo(t, instance, endpoints, tokens.access_token), acc);
  rec.record('flow', performance.now() - t0);
  rec.record('flow_server', acc.serverMs);
  return tokens;
}

/** A plain GET that must answer 200 (discovery, JWKS, portal pages). */
export async function get(t: Target, instance: number, rec: Recorder, step: string, url: string, accept = 'application/json'): Promise<void> {
  const res = await timed(rec, step, () => send(t, instance, url, { headers: { accept } }));
  if (res.status !== 200) throw new FlowError(`${step}: HTTP ${res.status}`);
}

export const randomIndex = (n: number) => crypto.randomInt(0, n);
