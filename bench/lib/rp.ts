import crypto from 'node:crypto';
import { form, header, send, type Target } from './http.ts';

/**
 * The relying party side, as a department's service does it: PAR with PKCE and a
 * private_key_jwt client assertion (ES256, fresh jti each time), the code exchange, refresh,
 * client credentials, userinfo. Written directly over HTTP (not openid-client) so the load
 * generator spends as little CPU as possible on the shared 2-core machine; every assertion
 * is still signed and every token response parsed.
 */
export type RpKey = { privateKey: crypto.KeyObject; publicJwk: crypto.JsonWebKey & { kid: string; alg: string; use: string } };

export function createRpKey(): RpKey {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicJwk: { ...publicKey.export({ format: 'jwk' }), kid: 'bench-rp-1', alg: 'ES256', use: 'sig' } };
}

const b64u = (v: string | Buffer) => Buffer.from(v).toString('base64url');

export type Rp = { clientId: string; redirectUri: string; issuer: string; key: RpKey; scope: string };

export function clientAssertion(rp: Rp): string {
  const now = Math.floor(Date.now() / 1000);
  const head = b64u(JSON.stringify({ alg: 'ES256', kid: rp.key.publicJwk.kid, typ: 'JWT' }));
  const body = b64u(JSON.stringify({ iss: rp.clientId, sub: rp.clientId, aud: rp.issuer, jti: crypto.randomBytes(16).toString('base64url'), iat: now, exp: now + 60 }));
  const sig = crypto.sign('sha256', Buffer.from(`${head}.${body}`), { key: rp.key.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${head}.${body}.${b64u(sig)}`;
}

const clientAuth = (rp: Rp) => ({
  client_id: rp.clientId,
  client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
  client_assertion: clientAssertion(rp),
});

const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };

export class FlowError extends Error {
  override name = 'FlowError';
}

function json<T>(step: string, res: { status: number; body: string }, expected = 200): T {
  if (res.status !== expected) throw new FlowError(`${step}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
  return JSON.parse(res.body) as T;
}

export type Checks = { verifier: string; state: string; nonce: string };

/** Pushes the authorization request; returns the URL the browser is sent to. */
export async function pushAuthorization(t: Target, instance: number, rp: Rp, endpoints: Endpoints): Promise<{ url: string; checks: Checks }> {
  const verifier = crypto.randomBytes(32).toString('base64url');
  const checks = { verifier, state: crypto.randomBytes(16).toString('base64url'), nonce: crypto.randomBytes(16).toString('base64url') };
  const res = await send(t, instance, endpoints.par, {
    method: 'POST',
    headers: formHeaders,
    body: form({
      ...clientAuth(rp),
      response_type: 'code',
      redirect_uri: rp.redirectUri,
      scope: rp.scope,
      code_challenge: crypto.createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    }),
  });
  const { request_uri } = json<{ request_uri: string }>('par', res, 201);
  return { url: `${endpoints.authorization}?${form({ client_id: rp.clientId, request_uri })}`, checks };
}

export type Tokens = { access_token: string; refresh_token?: string; id_token?: string; expires_in: number };

/** Exchanges the code from the callback URL; checks state, and the ID token's nonce and audience. */
export async function exchangeCode(t: Target, instance: number, rp: Rp, endpoints: Endpoints, callback: string, checks: Checks): Promise<Tokens> {
  const cb = new URL(callback);
  if (cb.searchParams.get('state') !== checks.state) throw new FlowError('callback: state mismatch');
  const code = cb.searchParams.get('code');
  if (!code) throw new FlowError(`callback without a code: ${callback}`);
  const res = await send(t, instance, endpoints.token, {
    method: 'POST',
    headers: formHeaders,
    body: form({ ...clientAuth(rp), grant_type: 'authorization_code', code, redirect_uri: rp.redirectUri, code_verifier: checks.verifier }),
  });
  const tokens = json<Tokens>('token', res);
  const claims = JSON.parse(Buffer.from(tokens.id_token!.split('.')[1]!, 'base64url').toString()) as { nonce?: string; aud?: string };
  if (claims.nonce !== checks.nonce || claims.aud !== rp.clientId) throw new FlowError('id_token: nonce or audience mismatch');
  return tokens;
}

export async function refresh(t: Target, instance: number, rp: Rp, endpoints: Endpoints, refreshToken: string): Promise<Tokens> {
  const res = await send(t, instance, endpoints.token, { method: 'POST', headers: formHeaders, body: form({ ...clientAuth(rp), grant_type: 'refresh_token', refresh_token: refreshToken }) });
  return json<Tokens>('refresh', res);
}

export async function clientCredentials(t: Target, instance: number, rp: Rp, endpoints: Endpoints, scope?: string): Promise<Tokens> {
  const res = await send(t, instance, endpoints.token, { method: 'POST', headers: formHeaders, body: form({ ...clientAuth(rp), grant_type: 'client_credentials', ...(scope ? { scope } : {}) }) });
  return json<Tokens>('client_credentials', res);
}

export async function userinfo(t: Target, instance: number, endpoints: Endpoints, accessToken: string): Promise<Record<string, unknown>> {
  const res = await send(t, instance, endpoints.userinfo, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } });
  const claims = json<Record<string, unknown>>('userinfo', res);
  if (typeof claims.sub !== 'string') throw new FlowError('userinfo without sub');
  return claims;
}

export type Endpoints = { par: string; authorization: string; token: string; userinfo: string; jwks: string; discovery: string };

export async function discover(t: Target): Promise<Endpoints> {
  const discovery = `${t.publicOrigin}/.well-known/openid-configuration`;
  const res = await send(t, 0, discovery, { headers: { accept: 'application/json' } });
  const d = json<Record<string, string>>('discovery', res);
  if (d.issuer !== t.publicOrigin) throw new FlowError(`discovery: issuer ${d.issuer} is not ${t.publicOrigin}`);
  return {
    par: d.pushed_authorization_request_endpoint!,
    authorization: d.authorization_endpoint!,
    token: d.token_endpoint!,
    userinfo: d.userinfo_endpoint!,
    jwks: d.jwks_uri!,
    discovery,
  };
}

export { header };
