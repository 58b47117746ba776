import crypto from 'node:crypto';

/**
 * What the wallet and the platform must compute identically. The wallet signs a WebAuthn
 * challenge that covers the login request's nonce, the fields it agreed to share *and* the
 * verification code the resident picked, so the signature proves what the resident
 * approved, not only that they approved.
 */
export function approvalChallenge(nonce: string, share: readonly string[], code: string): string {
  return crypto.createHash('sha256').update(`${nonce}\n${[...share].sort().join(',')}\n${code}`).digest('base64url');
}

/** The challenge approving a CIBA request: its nonce, its id and the binding message the resident saw. */
export function cibaChallenge(nonce: string, id: string, bindingMessage: string): string {
  return crypto.createHash('sha256').update(`ciba\n${nonce}\n${id}\n${bindingMessage}`).digest('base64url');
}

/**
 * A signing approval's WebAuthn challenge covers the request's nonce and every document's
 * name and SHA-256 digest (base64), in order: an approval signs exactly these documents, so
 * it can never be replayed for another request or another document (sole control).
 */
export type SigningDocumentRef = { name: string; sha256: string };
export function signingChallenge(nonce: string, documents: readonly SigningDocumentRef[]): string {
  const covered = JSON.stringify(documents.map((d) => [d.name, d.sha256]));
  return crypto.createHash('sha256').update(`yat-sign\n${nonce}\n${covered}`).digest('base64url');
}

/** The signing URL a service shows (QR code, same-device link): /wallet/sign#token. */
export function signingTokenFromUrl(url: string): { origin: string; token: string } | undefined {
  const u = URL.parse(url);
  const token = u?.hash.slice(1) ?? '';
  if (!u || u.pathname !== '/wallet/sign' || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  return { origin: u.origin, token };
}

/** The login URL a browser shows (QR code, same-device link) carries its secret after '#'. */
export function loginTokenFromUrl(url: string): { origin: string; token: string } | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const token = u.hash.slice(1);
  if (u.pathname !== '/wallet/login' || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  return { origin: u.origin, token };
}
