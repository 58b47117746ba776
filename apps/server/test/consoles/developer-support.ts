import { exportJWK, generateKeyPair } from 'jose';
import type { WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { csrfIn, signInToConsole } from '../support/console.ts';
import type { Platform } from '../support/platform.ts';
import type { UserAgent } from '../support/user-agent.ts';

/**
 * For the developer-console tests: a service's key pair (its JWKS goes into the console), a
 * relying party for a client id the console made (openid-client, PAR, PKCE, private_key_jwt),
 * and a console user calling the JSON API with the session and its CSRF token.
 */
export async function serviceKeys() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const kid = `key-${Math.random().toString(36).slice(2, 8)}`;
  return { privateKey, kid, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] } };
}


export type ConsoleUser = { ua: UserAgent; csrf: string; wallet: WalletState; api<T = Record<string, unknown>>(method: string, path: string, body?: unknown, opts?: { csrf?: string | null }): Promise<{ status: number; json: T }> };

export async function consoleUser(p: Platform, wallet: WalletState): Promise<ConsoleUser> {
  const signed = await signInToConsole(p, wallet, '/console/developer');
  if (signed.landed.status !== 200) throw new Error(`console sign-in landed on ${signed.landed.status} ${signed.landed.url}`);
  const csrf = csrfIn(signed.landed.body);
  const ua = signed.ua;
  return {
    ua,
    csrf,
    wallet: signed.wallet,
    async api<T>(method: string, path: string, body?: unknown, opts: { csrf?: string | null } = {}) {
      const token = opts.csrf === undefined ? csrf : opts.csrf;
      const hop = await ua.request(`${p.issuer}${path}`, {
        method,
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { 'x-csrf-token': token } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: hop.status, json: JSON.parse(hop.body || '{}') as T };
    },
  };
}

/** A configuration with two fields, one optional, each with a purpose in three languages. */
export const twoFieldConfig = (redirectUri: string, name = 'Library card') => ({
  names: { en: name, 'zh-Hant': '圖書證', 'zh-Hans': '图书证' },
  redirectUris: [redirectUri],
  postLogoutRedirectUris: [],
  fields: [
    { name: 'name_en', required: true, purpose: { en: 'To print your card', 'zh-Hant': '用於印製借書證', 'zh-Hans': '用于印制借书证' } },
    { name: 'email', required: false, purpose: { en: 'To remind you of due dates', 'zh-Hant': '提醒你還書日期', 'zh-Hans': '提醒你还书日期' } },
  ],
});
