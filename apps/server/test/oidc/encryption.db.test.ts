import { compactDecrypt, decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify, createRemoteJWKSet } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { login, registeredWallet, resident } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty } from '../support/relying-party.ts';

/**
 * Encrypted ID tokens and signed-then-encrypted userinfo, per service, to a key in the
 * service's own JWKS (ECDH-ES with A256GCM, as Singpass encrypts its ID tokens).
 */
let p: Platform;
let wallet: WalletState;

beforeAll(async () => {
  p = await startPlatform();
  wallet = await registeredWallet(p);
});
afterAll(() => p.close());

describe('a service that asked for encryption', () => {
  test('decrypts its ID token and userinfo with its own key; inside, the platform\'s signature verifies', async () => {
    const enc = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
    const encJwk = { ...(await exportJWK(enc.publicKey)), kid: 'enc-1', use: 'enc', alg: 'ECDH-ES' };
    const rp = await createRelyingParty(p.app, p.issuer, { extraKeys: [encJwk], encryption: { alg: 'ECDH-ES', enc: 'A256GCM', userinfo: true } });
    oidc.enableDecryptingResponses(rp.config, ['A256GCM'], { key: enc.privateKey, kid: 'enc-1', alg: 'ECDH-ES' });

    const { tokens, wallet: next } = await login(p, rp, wallet, { scope: 'openid profile' });
    wallet = next;
    const claims = tokens.claims()!;
    expect(claims.aud).toBe(rp.clientId);

    // What travelled was a JWE to the service's key, wrapping the platform's signed ID token.
    const raw = tokens.id_token!;
    expect(raw.split('.')).toHaveLength(5);
    expect(decodeProtectedHeader(raw)).toMatchObject({ alg: 'ECDH-ES', enc: 'A256GCM', kid: 'enc-1' });
    const inner = new TextDecoder().decode((await compactDecrypt(raw, enc.privateKey)).plaintext);
    const jwks = createRemoteJWKSet(new URL(`${p.issuer}/oidc/jwks`));
    const verified = await jwtVerify(inner, jwks, { issuer: p.issuer, audience: rp.clientId });
    expect(verified.protectedHeader.alg).toBe('ES256');
    expect(verified.payload.sub).toBe(claims.sub);

    // Userinfo is signed then encrypted too; openid-client decrypts and verifies it.
    const res = await fetch(`${p.issuer}/oidc/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(res.headers.get('content-type')).toContain('application/jwt');
    const body = await res.text();
    expect(decodeProtectedHeader(body)).toMatchObject({ alg: 'ECDH-ES', enc: 'A256GCM' });
    const info = await oidc.fetchUserInfo(rp.config, tokens.access_token, claims.sub);
    expect(info).toMatchObject({ sub: claims.sub, name: `${resident().nameEn.family} ${resident().nameEn.given}` });
  });

  test('without an encryption key in its JWKS it is refused at registration', async () => {
    await expect(createRelyingParty(p.app, p.issuer, { encryption: { alg: 'ECDH-ES' } })).rejects.toMatchObject({ code: 'invalid_client_metadata', message: expect.stringMatching(/encryption key/) });
    // A signing-only EC key is not an encryption key either.
    const { publicKey } = await generateKeyPair('ES256');
    const sigOnly = { ...(await exportJWK(publicKey)), kid: 'sig-2', use: 'sig' };
    await expect(createRelyingParty(p.app, p.issuer, { extraKeys: [sigOnly], encryption: { alg: 'ECDH-ES' } })).rejects.toMatchObject({ code: 'invalid_client_metadata' });
  });
});
