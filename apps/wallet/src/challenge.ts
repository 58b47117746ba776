import { toBase64url } from './base64url.ts';

/**
 * The WebAuthn challenge that approves a login request. It must equal the platform's
 * `approvalChallenge` (apps/server/src/wallet-api/protocol.ts): the signature then covers
 * the request's nonce *and* the exact fields the resident agreed to share.
 */
export async function approvalChallenge(nonce: string, share: readonly string[]): Promise<string> {
  const text = `${nonce}\n${[...share].sort().join(',')}`;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return toBase64url(digest);
}

/**
 * The WebAuthn challenge that approves a signing request: it must equal the platform's
 * `signingChallenge` (wallet-api/protocol.ts) — the nonce and every document's name and
 * SHA-256, so the approval signs exactly the documents shown.
 */
export async function signingChallenge(nonce: string, documents: ReadonlyArray<{ name: string; sha256: string }>): Promise<string> {
  const text = `yat-sign\n${nonce}\n${JSON.stringify(documents.map((d) => [d.name, d.sha256]))}`;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return toBase64url(digest);
}
