import { approveRequest, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import type { Platform } from './platform.ts';
import { createUserAgent, verificationCodeIn, walletLinkIn, type UserAgent } from './user-agent.ts';

/**
 * A staff member signing in to the consoles as a person does: the console sends the browser
 * to the platform's sign-in page, the staff member approves on their own (headless) wallet,
 * the browser continues back to the console. Returns the browser and where it landed.
 */
export async function signInToConsole(p: Platform, wallet: WalletState, path = '/console/counter', ua: UserAgent = createUserAgent()) {
  const page = await ua.navigate(`${p.issuer}/console/login?return=${encodeURIComponent(path)}`);
  if (!page.url.includes('/interaction/')) throw new Error(`expected the sign-in page, got ${page.status} ${page.url}`);
  const uid = new URL(page.url).pathname.split('/')[2]!;
  const approved = await approveRequest(wallet, walletLinkIn(page.body), 'all', verificationCodeIn(page.body));
  const landed = await ua.navigate(`${p.issuer}/interaction/${uid}/continue`);
  return { ua, landed, wallet: approved.state };
}

/** The CSRF token of the first form on a console page. */
export function csrfIn(body: string): string {
  const m = /name="csrf" value="([^"]+)"/.exec(body);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1]!;
}

export const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});
