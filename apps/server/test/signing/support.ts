import crypto from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { exportJWK, generateKeyPair } from 'jose';
import * as oidc from 'openid-client';
import { registerWallet, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { registerClient } from '../../src/oidc/client-registration.ts';
import type { RegistryRecord } from '../../src/identity/registry.ts';
import type { Platform } from '../support/platform.ts';

/** A service using the signing API: registered with scope "openid signing" and the client credentials grant. */
export async function signingService(p: Platform, opts: { scope?: string; tokenScope?: string; name?: string } = {}) {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const kid = 'svc-key-1';
  const { client_id } = await registerClient(p.app, {
    name: opts.name ?? 'Housing Authority e-Tenancy',
    department: 'Housing Department',
    redirectUris: ['https://tenancy.example.gov/callback'],
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] },
    clientCredentials: true,
    scope: opts.scope ?? 'openid signing',
  });
  const config = await oidc.discovery(new URL(p.issuer), client_id, undefined, oidc.PrivateKeyJwt({ key: privateKey, kid }), { execute: [oidc.allowInsecureRequests] });
  const { access_token } = await oidc.clientCredentialsGrant(config, { scope: opts.tokenScope ?? 'signing' });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${p.issuer}${path}`, {
      method,
      headers: { authorization: `Bearer ${access_token}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as any, headers: res.headers };
  };
  return { clientId: client_id, accessToken: access_token, call, config };
}

/** A registered headless wallet; `plus` sets the resident's assurance directly (the counter upgrade is another capability). */
export async function walletFor(p: Platform, r: RegistryRecord, opts: { plus: boolean }): Promise<WalletState> {
  const state = await registerWallet({ server: p.issuer, idNumber: r.idNumber, dob: r.dob });
  if (opts.plus) await p.ctx.storage.db.updateTable('residents').set({ assurance: 'plus' }).where('id', '=', state.residentId).execute();
  return state;
}

/** A one-page PDF, as a service would send. */
export async function samplePdf(title = 'Library card application'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText(title, { x: 50, y: 780, size: 18, font });
  page.drawText(`Reference ${crypto.randomUUID()}`, { x: 50, y: 750, size: 11, font });
  return doc.save();
}
