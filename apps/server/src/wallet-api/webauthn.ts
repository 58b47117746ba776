import {
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { badRequest } from '../errors.ts';

/**
 * The wallet's device credential is a WebAuthn credential: a platform authenticator with
 * user verification (biometrics or device PIN). The relying party is the platform itself,
 * so the RP ID is the issuer's host and the expected origin the issuer's origin.
 */
export type WebAuthnRp = { rpId: string; origin: string; rpName: string };

export const webauthnRp = (issuer: string): WebAuthnRp => {
  const url = new URL(issuer);
  return { rpId: url.hostname, origin: url.origin, rpName: 'Yat' };
};

export function creationOptions(rp: WebAuthnRp, user: { handle: Uint8Array; name: string; displayName: string }): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpId,
    userID: user.handle as Uint8Array<ArrayBuffer>,
    userName: user.name,
    userDisplayName: user.displayName,
    attestationType: 'none',
    authenticatorSelection: { authenticatorAttachment: 'platform', userVerification: 'required', residentKey: 'preferred' },
    supportedAlgorithmIDs: [-7, -257],
    timeout: 120_000,
  });
}

export type NewCredential = { id: string; publicKey: string; counter: number; transports: string[] };

export async function verifyCreation(rp: WebAuthnRp, response: RegistrationResponseJSON, expectedChallenge: string): Promise<NewCredential> {
  let result;
  try {
    result = await verifyRegistrationResponse({ response, expectedChallenge, expectedOrigin: rp.origin, expectedRPID: rp.rpId, requireUserVerification: true });
  } catch (err) {
    // The library's words are for the log and the audit trail (the cause), not for the resident.
    throw Object.assign(badRequest('invalid_credential', 'The device key could not be checked. Try creating it again.'), { cause: err });
  }
  if (!result.verified) throw badRequest('invalid_credential', 'The device credential could not be verified.');
  const c = result.registrationInfo.credential;
  return { id: c.id, publicKey: Buffer.from(c.publicKey).toString('base64url'), counter: c.counter, transports: c.transports ?? [] };
}

export type StoredCredential = { id: string; publicKey: string; counter: number; transports: string[] };

/** Verifies an assertion over `expectedChallenge`; returns the authenticator's new counter. */
export async function verifyAssertion(rp: WebAuthnRp, response: AuthenticationResponseJSON, expectedChallenge: string, credential: StoredCredential): Promise<number> {
  let result;
  try {
    result = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpId,
      requireUserVerification: true,
      credential: {
        id: credential.id,
        publicKey: Buffer.from(credential.publicKey, 'base64url') as Uint8Array<ArrayBuffer>,
        counter: credential.counter,
        transports: credential.transports as never,
      },
    });
  } catch (err) {
    throw Object.assign(badRequest('invalid_assertion', 'The approval could not be checked. Nothing was shared. Try again.'), { cause: err });
  }
  if (!result.verified) throw badRequest('invalid_assertion', 'The approval could not be verified.');
  return result.authenticationInfo.newCounter;
}

/**
 * Why a verification failed, for the audit event: the library's own message, and whether the
 * authenticator's signature counter went backwards (a sign of a cloned authenticator).
 */
export function failureDetail(err: unknown): { reason: string; error?: string } {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : undefined;
  const code = err instanceof Error && 'code' in err ? String(err.code) : 'error';
  return { reason: cause && /counter/i.test(cause) ? 'counter_regressed' : code, ...(cause ? { error: cause } : {}) };
}
