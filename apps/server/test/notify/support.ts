import * as oidc from 'openid-client';
import { openSession, walletCall, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { login } from '../support/login.ts';
import type { Platform } from '../support/platform.ts';
import { createRelyingParty } from '../support/relying-party.ts';

/**
 * A service that registered the notifications permission (scope "openid … notify", the
 * client credentials grant), signed in to once by the resident, who answered the approval
 * screen's notifications switch with `notifications`. Returns the pairwise sub it holds and
 * a caller of the notification API with its client-credentials token.
 */
export async function notifyingService(p: Platform, wallet: WalletState, opts: { name: string; redirectUri: string; notifications?: boolean }) {
  const rp = await createRelyingParty(p.app, p.issuer, { name: opts.name, redirectUri: opts.redirectUri, scope: 'openid profile notify', clientCredentials: true });
  const first = await login(p, rp, wallet, { scope: 'openid profile', notifications: opts.notifications });
  const { access_token } = await oidc.clientCredentialsGrant(rp.config, { scope: 'notify' });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${p.issuer}${path}`, {
      method,
      headers: { authorization: `Bearer ${access_token}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : undefined) as any };
  };
  return { rp, clientId: rp.clientId, sub: first.tokens.claims()!.sub, wallet: first.wallet, call, token: access_token };
}

/** The signed-in wallet's own API (session cookie). */
export async function walletApi(wallet: WalletState) {
  const s = await openSession(wallet);
  return { state: s.state, call: <T = any>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) => walletCall<T>(s.state, s.cookie, method, path, body), cookie: s.cookie };
}

export const message = (over: Record<string, unknown> = {}) => ({ category: 'status', title: { en: 'Your library card is ready' }, body: { en: 'Collect it at any public library.' }, ...over });
