import 'reflect-metadata'; // @peculiar/x509's dependency injection (tsyringe) needs it loaded first
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as x509 from '@peculiar/x509';
import { createLocalJWKSet, exportJWK, flattenedVerify, generateKeyPair, type FlattenedJWS } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveRequest, approveSigning, declineSigning, describeSigning, openSession, walletCall, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { demoResidents } from '../../src/identity/synthetic-registry.ts';
import { registerClient } from '../../src/oidc/client-registration.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createUserAgent, verificationCodeIn, walletLinkIn } from '../support/user-agent.ts';
import { signingService, walletFor } from './support.ts';

/**
 * Remote signing as standard CSC software does it: openid-client asks the platform's own
 * authorization endpoint (code + PKCE, PAR) first for `scope=service` (list the credentials),
 * then for `scope=credential` with RFC 9396 details carrying the document digest; the headless
 * wallet approves; signHash signs that digest once and nothing else, and node:crypto verifies
 * the signature against the certificate from credentials/info. Also: the service API's signed
 * "done" webhook, and a removed phone revoking the resident's certificates.
 */
const REDIRECT = 'https://signer.example.org/callback';
const SHA256 = '2.16.840.1.101.3.4.2.1';
const ECDSA_SHA256 = '1.2.840.10045.4.3.2';
const sha = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest('base64');

describe('CSC API v2 and signing lifecycle', () => {
  let p: Platform;
  let config: oidc.Configuration;
  let plus: WalletState;
  let standard: WalletState;
  const hooks: Array<{ body: string }> = [];
  let hookServer: http.Server;
  let hookUrl: string;

  const csc = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${p.issuer}/csc/v2/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as any };
  };

  /** Authorization code + PKCE through PAR; returns the page the browser lands on and how to finish. */
  async function authorize(params: Record<string, string>) {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = await oidc.buildAuthorizationUrlWithPAR(config, { redirect_uri: REDIRECT, code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, ...params });
    const ua = createUserAgent();
    const page = await ua.navigate(url.href);
    const uid = new URL(page.url).pathname.split('/')[2]!;
    const finish = async (continuePath: string) => {
      const hop = await ua.navigate(`${p.issuer}/interaction/${uid}/${continuePath}`, (u) => u.startsWith(REDIRECT));
      if (!hop.location?.startsWith(REDIRECT)) throw new Error(`did not reach the redirect URI: ${hop.status} ${hop.body.slice(0, 200)}`);
      return oidc.authorizationCodeGrant(config, new URL(hop.location), { pkceCodeVerifier: verifier, expectedState: state });
    };
    return { page, uid, finish };
  }

  async function serviceToken(wallet: WalletState): Promise<{ token: string; wallet: WalletState }> {
    const a = await authorize({ scope: 'service' });
    const approved = await approveRequest(wallet, walletLinkIn(a.page.body), 'all', verificationCodeIn(a.page.body));
    return { token: (await a.finish('continue')).access_token, wallet: approved.state };
  }

  beforeAll(async () => {
    p = await startPlatform();
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const { client_id } = await registerClient(p.app, {
      name: 'Contract Signer Desktop',
      department: 'Companies Registry',
      redirectUris: [REDIRECT],
      jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] },
      scope: 'openid service credential',
    });
    config = await oidc.discovery(new URL(p.issuer), client_id, undefined, oidc.PrivateKeyJwt({ key: privateKey, kid: 'k1' }), { execute: [oidc.allowInsecureRequests] });
    plus = await walletFor(p, demoResidents[0]!, { plus: true });
    standard = await walletFor(p, demoResidents[1]!, { plus: false });
    hookServer = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        hooks.push({ body });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/signing-done`;
  });
  afterAll(async () => {
    hookServer?.close();
    await p?.close();
  });

  it('info is open and names the OAuth issuer, the methods and ECDSA', async () => {
    const info = await csc('info', {});
    expect(info.status).toBe(200);
    expect(info.json).toMatchObject({ specs: '2.0.0.2', authType: ['oauth2code'], oauth2Issuer: p.issuer, signAlgorithms: { algos: [ECDSA_SHA256] } });
    expect(info.json.methods).toEqual(['info', 'credentials/list', 'credentials/info', 'signatures/signHash']);
    const discovery = (await (await fetch(`${p.issuer}/.well-known/openid-configuration`)).json()) as any;
    expect(discovery.authorization_details_types_supported).toContain('credential');
  });

  it('signs exactly the approved hash, once: list, info, credential authorization in the wallet, signHash, node:crypto verifies', async () => {
    const service = await serviceToken(plus);
    plus = service.wallet;
    const list = await csc('credentials/list', { credentialInfo: true, certificates: 'chain', certInfo: true }, service.token);
    expect(list.status).toBe(200);
    const credentialID = list.json.credentialIDs[0] as string;
    expect(list.json.credentialInfos[0]).toMatchObject({ credentialID, SCAL: '2', authMode: 'oauth2code', auth: { mode: 'oauth2code' } });

    const info = await csc('credentials/info', { credentialID, certificates: 'chain', certInfo: true }, service.token);
    expect(info.status).toBe(200);
    expect(info.json).toMatchObject({ key: { status: 'enabled', algo: ['1.2.840.10045.2.1'], len: 256 }, cert: { status: 'valid' }, authMode: 'oauth2code', SCAL: '2' });
    expect(info.json.cert.certificates).toHaveLength(3);
    const cert = new x509.X509Certificate(Buffer.from(info.json.cert.certificates[0], 'base64'));
    expect(cert.subject).toMatch(/^CN=[^,]+, 2\.5\.4\.5=YAT-/);

    const contract = Buffer.from('Share purchase agreement between A Ltd and B Ltd\n');
    const other = Buffer.from('Some other document\n');
    const details = [{ type: 'credential', credentialID, hashAlgorithmOID: SHA256, documentDigests: [{ hash: sha(contract), label: 'Share purchase agreement' }] }];
    const a = await authorize({ scope: 'credential', authorization_details: JSON.stringify(details) });
    expect(a.page.url).toBe(`${p.issuer}/interaction/${a.uid}/csc`);
    expect(a.page.body).toContain('Share purchase agreement');
    const link = walletLinkIn(a.page.body);
    const view = await describeSigning(plus, link);
    expect(view.documents).toEqual([expect.objectContaining({ name: 'Share purchase agreement', sha256: sha(contract) })]);
    expect(a.page.body).toContain(`data-verification-code>${view.verificationCode}<`);
    const approved = await approveSigning(plus, link, { expectCode: view.verificationCode });
    plus = approved.state;
    expect(approved.result.status).toBe('authorized');
    const tokens = await a.finish('csc/continue');
    expect(tokens.authorization_details).toEqual([expect.objectContaining({ type: 'credential', credentialID })]);
    const token = tokens.access_token;

    const wrong = await csc('signatures/signHash', { credentialID, hashes: [sha(other)], hashAlgorithmOID: SHA256, signAlgo: ECDSA_SHA256 }, token);
    expect(wrong.status).toBe(400);
    expect(wrong.json).toEqual({ error: 'invalid_request', error_description: expect.stringContaining('not the ones the resident approved') });

    const signed = await csc('signatures/signHash', { credentialID, hashes: [sha(contract)], hashAlgorithmOID: SHA256, signAlgo: ECDSA_SHA256 }, token);
    expect(signed.status).toBe(200);
    const signature = Buffer.from(signed.json.signatures[0], 'base64');
    const publicKey = crypto.createPublicKey({ key: Buffer.from(cert.publicKey.rawData), format: 'der', type: 'spki' });
    expect(crypto.verify('sha256', contract, publicKey, signature)).toBe(true);
    expect(crypto.verify('sha256', other, publicKey, signature)).toBe(false);

    const again = await csc('signatures/signHash', { credentialID, hashes: [sha(contract)], signAlgo: ECDSA_SHA256 }, token);
    expect(again.status).toBe(400);
    expect(again.json.error).toBe('invalid_request');
    // A service token cannot sign at all.
    const noAuthz = await csc('signatures/signHash', { credentialID, hashes: [sha(contract)], signAlgo: ECDSA_SHA256 }, service.token);
    expect(noAuthz).toMatchObject({ status: 403, json: { error: 'insufficient_scope' } });
  });

  it('refuses what is malformed or unauthorised in the CSC error shape, and a standard-level resident with how to upgrade', async () => {
    expect(await csc('credentials/list', {})).toMatchObject({ status: 401, json: { error: 'invalid_token', error_description: expect.any(String) } });
    expect(await csc('signatures/signHash', { credentialID: 'x', hashes: ['not base64!'], signAlgo: ECDSA_SHA256 }, 'nope')).toMatchObject({ status: 400, json: { error: 'invalid_request' } });
    // SHA-1 digests are refused by the authorization server before any page is shown.
    await expect(authorize({ scope: 'credential', authorization_details: JSON.stringify([{ type: 'credential', credentialID: 'x', hashAlgorithmOID: '1.3.14.3.2.26', documentDigests: [{ hash: sha('x') }] }]) })).rejects.toMatchObject({
      error: 'invalid_authorization_details',
    });
    const service = await serviceToken(standard);
    standard = service.wallet;
    const list = await csc('credentials/list', {}, service.token);
    expect(list.status).toBe(403);
    expect(list.json).toEqual({ error: 'access_denied', error_description: expect.stringContaining('registration counter') });
  });

  it('tells the service, by a signed webhook, when a signing request is signed or declined', async () => {
    const svc = await signingService(p, { name: 'Land Registry e-Conveyancing' });
    const jwks = createLocalJWKSet((await (await fetch(`${p.issuer}/oidc/jwks`)).json()) as any);
    const signedReq = await svc.call('POST', '/api/signing/requests', { documents: [{ name: 'deed.txt', sha256: sha('deed') }], webhook_url: hookUrl });
    const declinedReq = await svc.call('POST', '/api/signing/requests', { documents: [{ name: 'other.txt', sha256: sha('other') }], webhook_url: hookUrl });
    expect(signedReq.status).toBe(201);
    plus = (await approveSigning(plus, signedReq.json.url)).state;
    await declineSigning(plus, declinedReq.json.url);
    // The outbox sends in the background (kicked at the approval); wait for both deliveries.
    for (let i = 0; i < 100 && hooks.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    const events = await Promise.all(
      hooks.map(async (h) => {
        const { payload, protectedHeader } = await flattenedVerify(JSON.parse(h.body) as FlattenedJWS, jwks);
        expect(protectedHeader?.alg).toBe('ES256');
        return JSON.parse(new TextDecoder().decode(payload));
      }),
    );
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ iss: p.issuer, aud: svc.clientId, event: 'signing.signed', signing_request: { id: signedReq.json.id, status: 'signed' } }),
        expect.objectContaining({ iss: p.issuer, aud: svc.clientId, event: 'signing.declined', signing_request: { id: declinedReq.json.id, status: 'declined' } }),
      ]),
    );
    const bad = await svc.call('POST', '/api/signing/requests', { documents: [{ name: 'x', sha256: sha('x') }], webhook_url: 'ftp://example.org/' });
    expect(bad).toMatchObject({ status: 400, json: { error: 'invalid_webhook_url' } });
  });

  it('revokes the resident’s signing certificates when the phone is removed: /api/verify and the CRL show it', async () => {
    const svc = await signingService(p, { name: 'Lands Department' });
    const doc = Buffer.from('Lease renewal\n');
    const req = await svc.call('POST', '/api/signing/requests', { documents: [{ name: 'lease.txt', sha256: sha(doc) }] });
    plus = (await approveSigning(plus, req.json.url)).state;
    const done = await svc.call('GET', `/api/signing/requests/${req.json.id}`);
    const verify = async () => (await (await fetch(`${p.issuer}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ signature: done.json.documents[0].signature, document: doc.toString('base64') }) })).json()) as any;
    expect(await verify()).toMatchObject({ valid: true, certificate: { status: 'valid' } });

    const session = await openSession(plus);
    const { devices } = await walletCall<{ devices: Array<{ id: string }> }>(session.state, session.cookie, 'GET', '/api/wallet/devices');
    await walletCall(session.state, session.cookie, 'DELETE', `/api/wallet/devices/${encodeURIComponent(devices[0]!.id)}?confirmLast=true`);

    expect(await verify()).toMatchObject({ valid: false, problem: 'revoked', certificate: { status: 'revoked', reason: 'keyCompromise' } });
    const crl = new x509.X509Crl(Buffer.from(await (await fetch(`${p.issuer}/signing/crl/issuing.crl`)).arrayBuffer()));
    expect(crl.entries.map((e) => e.serialNumber.toLowerCase())).toContain(done.json.certificate_serial.toLowerCase());
    const audit = await p.ctx.storage.db.selectFrom('audit_events').select(['type', 'detail']).where('type', '=', 'certificate.revoked').execute();
    expect(audit.some((e) => String(e.detail).includes('device.removed'))).toBe(true);
  });
});
