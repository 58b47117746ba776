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
