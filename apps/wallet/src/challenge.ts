import { toBase64url } from './base64url.ts';

const sha256 = async (text: string) => toBase64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));

/**
 * The WebAuthn challenge that approves a login request. It must equal the platform's
 * `approvalChallenge` (apps/server/src/wallet-api/protocol.ts): the signature then covers
 * the request's nonce, the exact fields the resident agreed to share and the verification
 * code they picked.
 */
export function approvalChallenge(nonce: string, share: readonly string[], code: string): Promise<string> {
  return sha256(`${nonce}\n${[...share].sort().join(',')}\n${code}`);
}

/** The challenge approving a service's backchannel (CIBA) request: nonce, id and binding message. */
export function cibaChallenge(nonce: string, id: string, bindingMessage: string): Promise<string> {
  return sha256(`ciba\n${nonce}\n${id}\n${bindingMessage}`);
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
