import { exportJWK, generateKeyPair } from 'jose';
import * as oidc from 'openid-client';
import { approveRequest, type WalletState } from '../../../../../packages/cli/src/wallet/headless-wallet.ts';
import { registerClient } from '../../../src/oidc/client-registration.ts';
import type { Platform } from '../../support/platform.ts';
import { createUserAgent, verificationCodeIn, walletLinkIn, type Hop, type UserAgent } from '../../support/user-agent.ts';

/**
 * Helpers for the portal's tests: a resident signing in to the portal (through the real
 * sign-in page and the headless wallet), posting its multipart forms, and a department
 * calling the API with a client-credentials token obtained by openid-client.
 */
export async function portalSignIn(p: Platform, wallet: WalletState, returnPath = '/applications', ua: UserAgent = createUserAgent()) {
  const start = await ua.navigate(`${p.issuer}/account/login?return=${encodeURIComponent(returnPath)}`);
  if (start.status !== 200 || !start.url.includes('/interaction/')) throw new Error(`expected the sign-in page, got ${start.status} ${start.url}`);
  const uid = new URL(start.url).pathname.split('/')[2]!;
  const approved = await approveRequest(wallet, walletLinkIn(start.body), 'all', verificationCodeIn(start.body));
  const landed = await ua.navigate(`${p.issuer}/interaction/${uid}/continue`);
  return { ua, wallet: approved.state, landed };
}

export const hiddenValue = (html: string, name: string): string => {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!m) throw new Error(`no hidden ${name} on the page`);
  return m[1]!;
};

export type FileInput = { field: string; name: string; type: string; bytes: Uint8Array };

/** Posts a hosted form as a browser does (multipart), with the page's CSRF and form tokens. */
export async function postForm(ua: UserAgent, url: string, page: Hop, fields: Record<string, string | string[]>, files: FileInput[] = []): Promise<Hop> {
  const body = new FormData();
  body.append('csrf', hiddenValue(page.body, 'csrf'));
  body.append('form_token', hiddenValue(page.body, 'form_token'));
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  for (const f of files) body.append(f.field, new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  return ua.request(url, { method: 'POST', body });
}

export const pdfBytes = (size = 2048): Uint8Array => {
  const b = new Uint8Array(size).fill(0x20);
  b.set(new TextEncoder().encode('%PDF-1.7\n'));
  return b;
};

/** A valid renewal of a driving licence for demo resident 0 (whose details the form pre-fills). */
export const drivingLicenceAnswers = (): Record<string, string | string[]> => ({
  full_name: 'CHAN Tai Man',
  id_number: 'A123456(3)',
  birthdate: '1980-01-31',
  phone: '9123 4567',
  email: 'taiman.chan@example.com',
  licence_number: 'A123456',
  classes: ['1'],
  address_changed: 'no',
  medical_condition: 'no',
  declaration: 'yes',
  action: 'submit',
});

/** A department's back office: an OAuth client with its department, using client credentials. */
export async function departmentClient(p: Platform, department: string | undefined) {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const kid = 'dept-key-1';
  const { client_id } = await registerClient(p.app, {
    name: `${department ?? 'Unrelated'} back office`,
    ...(department ? { department } : {}),
    redirectUris: ['https://backoffice.example.gov/callback'],
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] },
    clientCredentials: true,
    scope: 'openid',
  });
  const config = await oidc.discovery(new URL(p.issuer), client_id, undefined, oidc.PrivateKeyJwt({ key: privateKey, kid }), { execute: [oidc.allowInsecureRequests] });
  const { access_token } = await oidc.clientCredentialsGrant(config);
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${p.issuer}${path}`, {
      method,
      headers: { authorization: `Bearer ${access_token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as any, headers: res.headers };
  };
  return { clientId: client_id, accessToken: access_token, call };
}
