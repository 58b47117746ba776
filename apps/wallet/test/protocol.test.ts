import crypto from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { approvalChallenge as serverChallenge, cibaChallenge as serverCiba, loginTokenFromUrl, signingChallenge as serverSigningChallenge, signingTokenFromUrl } from '../../server/src/wallet-api/protocol.ts';
import { fromBase64url, toBase64url } from '../src/base64url.ts';
import { approvalChallenge, cibaChallenge, signingChallenge } from '../src/challenge.ts';
import { loginTokenFromLink, walletLinkFromText } from '../src/login-link.ts';

/** The app and the platform must agree byte for byte on what the resident signs. */
describe('approval challenge', () => {
  const nonce = crypto.randomBytes(32).toString('base64url');
  const cases: string[][] = [[], ['email'], ['name_en', 'email', 'birthdate'], ['title', 'preferred_email', 'id_number', 'name_zh']];

  test.each(cases)('equals the platform\'s challenge for %j', async (...share) => {
    expect(await approvalChallenge(nonce, share, '47')).toBe(serverChallenge(nonce, share, '47'));
  });

  test('does not depend on the order the fields were switched on, but on which', async () => {
    expect(await approvalChallenge(nonce, ['email', 'name_en'], '47')).toBe(await approvalChallenge(nonce, ['name_en', 'email'], '47'));
    expect(await approvalChallenge(nonce, ['email'], '47')).not.toBe(await approvalChallenge(nonce, ['email', 'name_en'], '47'));
  });

  test('covers the verification code the resident picked', async () => {
    expect(await approvalChallenge(nonce, ['email'], '47')).not.toBe(await approvalChallenge(nonce, ['email'], '74'));
  });

  test('the CIBA challenge equals the platform\'s, over nonce, request id and binding message', async () => {
    expect(await cibaChallenge(nonce, 'b6f0c1de-0000-4000-8000-000000000000', 'Call 2041 · 柜台')).toBe(serverCiba(nonce, 'b6f0c1de-0000-4000-8000-000000000000', 'Call 2041 · 柜台'));
  });
});

describe('base64url', () => {
  test('round-trips every byte and matches Node\'s encoding', () => {
    for (const len of [0, 1, 2, 3, 31, 32, 33, 256]) {
      const bytes = crypto.randomBytes(len);
      const text = toBase64url(bytes);
      expect(text).toBe(bytes.toString('base64url'));
      expect(Buffer.from(fromBase64url(text))).toEqual(bytes);
    }
  });

  test('rejects text that is not base64url', () => {
    expect(() => fromBase64url('a+b/')).toThrow(TypeError);
  });
});

describe('login links', () => {
  const origin = 'http://localhost:3000';
  const token = crypto.randomBytes(32).toString('base64url');

  test('accepts what the platform accepts, for this platform only', () => {
    const link = `${origin}/wallet/login#${token}`;
    expect(loginTokenFromLink(link, origin)).toBe(token);
    expect(loginTokenFromUrl(link)?.token).toBe(token);
    expect(loginTokenFromLink(` ${link}\n`, origin)).toBe(token);
    expect(loginTokenFromLink(`https://elsewhere.example/wallet/login#${token}`, origin)).toBeUndefined();
  });

  test.each(['', 'not a url', `http://localhost:3000/wallet/login#short`, `http://localhost:3000/wallet/other#${'a'.repeat(43)}`, `http://localhost:3000/wallet/login?t=${'a'.repeat(43)}`])('refuses %j', (text) => {
    expect(loginTokenFromLink(text, origin)).toBeUndefined();
  });
});

describe('signing challenge', () => {
  const nonce = crypto.randomBytes(32).toString('base64url');
  const docs = [
    { name: 'tenancy.pdf', sha256: crypto.createHash('sha256').update('a').digest('base64') },
    { name: '合約.txt', sha256: crypto.createHash('sha256').update('b').digest('base64') },
  ];

  test('is what the platform computes, and changes with any digest, name or order', async () => {
    expect(await signingChallenge(nonce, docs)).toBe(serverSigningChallenge(nonce, docs));
    const other = { ...docs[0]!, sha256: crypto.createHash('sha256').update('c').digest('base64') };
    expect(await signingChallenge(nonce, [other, docs[1]!])).not.toBe(await signingChallenge(nonce, docs));
    expect(await signingChallenge(nonce, [{ ...docs[0]!, name: 'other.pdf' }, docs[1]!])).not.toBe(await signingChallenge(nonce, docs));
    expect(await signingChallenge(nonce, [docs[1]!, docs[0]!])).not.toBe(await signingChallenge(nonce, docs));
  });

  test('signing links open the signing screen, login links the approval screen', () => {
    const token = 'A'.repeat(43);
    expect(walletLinkFromText(`https://id.example.gov/wallet/sign#${token}`, 'https://id.example.gov')).toEqual({ screen: 'sign', token });
    expect(walletLinkFromText(`https://id.example.gov/wallet/login#${token}`, 'https://id.example.gov')).toEqual({ screen: 'login', token });
    expect(walletLinkFromText(`https://evil.example/wallet/sign#${token}`, 'https://id.example.gov')).toBeUndefined();
    expect(signingTokenFromUrl(`https://id.example.gov/wallet/sign#${token}`)).toEqual({ origin: 'https://id.example.gov', token });
  });
});
