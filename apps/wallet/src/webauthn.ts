import { browserSupportsWebAuthn, startAuthentication, startRegistration, type AuthenticationResponseJSON, type PublicKeyCredentialCreationOptionsJSON, type RegistrationResponseJSON } from '@simplewebauthn/browser';
import { approvalChallenge, cibaChallenge, signingChallenge } from './challenge.ts';

/**
 * The device credential: created once at registration (a platform authenticator with user
 * verification), then used to approve logins and to unlock the wallet.
 */
export const webauthnAvailable = (): boolean => browserSupportsWebAuthn();

/** The resident cancelled the fingerprint/PIN prompt (or it timed out): not an error to report. */
export const wasCancelled = (err: unknown): boolean => err instanceof Error && (err.name === 'NotAllowedError' || err.name === 'AbortError');

export function createDeviceCredential(options: PublicKeyCredentialCreationOptionsJSON): Promise<RegistrationResponseJSON> {
  return startRegistration({ optionsJSON: options });
}

function assert(challenge: string, rpId: string, credentialIds: readonly string[]): Promise<AuthenticationResponseJSON> {
  return startAuthentication({
    optionsJSON: {
      challenge,
      rpId,
      userVerification: 'required',
      timeout: 120_000,
      allowCredentials: credentialIds.map((id) => ({ id, type: 'public-key' as const })),
    },
  });
}

/** Signs the approval of a login request: the challenge covers the nonce, the shared fields and the picked code. */
export async function signApproval(req: { nonce: string; rpId: string }, share: readonly string[], code: string, credentialId: string): Promise<AuthenticationResponseJSON> {
  return assert(await approvalChallenge(req.nonce, share, code), req.rpId, [credentialId]);
}

/** Signs the approval of a service's backchannel request: nonce, request id and binding message. */
export async function signCibaApproval(req: { id: string; nonce: string; rpId: string; bindingMessage: string }, credentialId: string | undefined): Promise<AuthenticationResponseJSON> {
  return assert(await cibaChallenge(req.nonce, req.id, req.bindingMessage), req.rpId, credentialId ? [credentialId] : []);
}

/** Proves to the platform that this phone holds the key, to open a wallet session. */
export function signSessionChallenge(challenge: { challenge: string; rpId: string; allowCredentials?: Array<{ id: string }> }, credentialId: string | undefined): Promise<AuthenticationResponseJSON> {
  const ids = credentialId ? [credentialId] : (challenge.allowCredentials ?? []).map((c) => c.id);
  return assert(challenge.challenge, challenge.rpId, ids);
}

/** Signs the approval of a signing request: the challenge covers the nonce and every document's name and digest. */
export async function signDocumentsApproval(req: { nonce: string; rpId: string; documents: ReadonlyArray<{ name: string; sha256: string }> }, credentialId: string): Promise<AuthenticationResponseJSON> {
  return assert(await signingChallenge(req.nonce, req.documents), req.rpId, [credentialId]);
}
