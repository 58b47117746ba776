import { approveRequest, registerWallet, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { demoResidents } from '../../src/identity/synthetic-registry.ts';
import type { Platform } from './platform.ts';
import type { RelyingParty } from './relying-party.ts';
import { createUserAgent, verificationCodeIn, walletLinkIn, type UserAgent } from './user-agent.ts';

export const resident = (i = 0) => demoResidents[i]!;

export async function registeredWallet(p: Platform, i = 0): Promise<WalletState> {
  const r = resident(i);
  return registerWallet({ server: p.issuer, idNumber: r.idNumber, dob: r.dob, deviceName: 'Test phone' });
}

/** A browser that has started signing in to `rp` and shows the sign-in page. */
export async function showSignInPage(p: Platform, rp: RelyingParty, params: Parameters<RelyingParty['startLogin']>[0] = {}, ua: UserAgent = createUserAgent()) {
  const checks = await rp.startLogin(params);
  const page = await ua.navigate(checks.url);
  if (page.status !== 200 || !page.url.includes('/interaction/')) throw new Error(`expected the sign-in page, got ${page.status} ${page.url}: ${page.body.slice(0, 300)}`);
  const uid = new URL(page.url).pathname.split('/')[2]!;
  return { ua, checks, page, uid, link: walletLinkIn(page.body), code: verificationCodeIn(page.body) };
}

/** The browser moves on (as the page's script does) until it reaches the service's redirect URI. */
export async function continueToService(p: Platform, rp: RelyingParty, ua: UserAgent, uid: string) {
  const hop = await ua.navigate(`${p.issuer}/interaction/${uid}/continue`, (u) => u.startsWith(rp.redirectUri));
  return hop.location?.startsWith(rp.redirectUri) ? hop.location : undefined;
}

/** One whole login: page → wallet approval → browser continues → code → tokens. */
export async function login(p: Platform, rp: RelyingParty, wallet: WalletState, opts: { scope?: string; share?: 'all' | 'none' | string[]; claims?: unknown; notifications?: boolean } = {}) {
  const s = await showSignInPage(p, rp, { scope: opts.scope, claims: opts.claims });
  const approved = await approveRequest(wallet, s.link, opts.share ?? 'all', s.code, opts.notifications === undefined ? {} : { notifications: opts.notifications });
  const callback = await continueToService(p, rp, s.ua, s.uid);
  if (!callback) throw new Error('the browser did not reach the redirect URI');
  const tokens = await rp.finishLogin(callback, s.checks);
  return { tokens, wallet: approved.state, callback, ua: s.ua, checks: s.checks };
}
