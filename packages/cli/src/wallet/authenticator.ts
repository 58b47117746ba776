import crypto from 'node:crypto';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/**
 * A software WebAuthn platform authenticator: the same bytes a phone's authenticator
 * produces (authenticator data, "none" attestation, ES256 signatures over
 * authData ‖ SHA-256(clientDataJSON)), so the server verifies the headless wallet exactly
 * as it verifies a phone. User presence and verification are asserted, as a phone does
 * after the biometric check.
 */
export type SoftCredential = { credentialId: string; privateKeyJwk: crypto.JsonWebKey; userHandle: string; signCount: number };

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

const b64u = (b: Uint8Array | Buffer) => Buffer.from(b).toString('base64url');
const sha256 = (b: Uint8Array | string) => crypto.createHash('sha256').update(b).digest();
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

function clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

export function createCredential(input: { rpId: string; origin: string; challenge: string; userHandle: string }): { response: RegistrationResponseJSON; credential: SoftCredential } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pub = publicKey.export({ format: 'jwk' });
  const credentialId = crypto.randomBytes(32);
  const coseKey = isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, Buffer.from(pub.x!, 'base64url')],
      [-3, Buffer.from(pub.y!, 'base64url')],
    ]),
  );
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(credentialId.length);
  const authData = Buffer.concat([sha256(input.rpId), Buffer.from([FLAG_UP | FLAG_UV | FLAG_AT]), u32(0), Buffer.alloc(16), idLength, credentialId, Buffer.from(coseKey)]);
  const attestationObject = isoCBOR.encode(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]) as never);
  return {
    response: {
      id: b64u(credentialId),
      rawId: b64u(credentialId),
      type: 'public-key',
      response: { clientDataJSON: b64u(clientData('webauthn.create', input.challenge, input.origin)), attestationObject: b64u(attestationObject), transports: ['internal'] },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    },
    credential: { credentialId: b64u(credentialId), privateKeyJwk: privateKey.export({ format: 'jwk' }), userHandle: input.userHandle, signCount: 0 },
  };
}

/** Signs `challenge`; returns the assertion and the credential with its counter advanced. */
export function getAssertion(input: { rpId: string; origin: string; challenge: string; credential: SoftCredential }): { response: AuthenticationResponseJSON; credential: SoftCredential } {
  const signCount = input.credential.signCount + 1;
  const authData = Buffer.concat([sha256(input.rpId), Buffer.from([FLAG_UP | FLAG_UV]), u32(signCount)]);
  const cd = clientData('webauthn.get', input.challenge, input.origin);
  const key = crypto.createPrivateKey({ key: input.credential.privateKeyJwk, format: 'jwk' });
  const signature = crypto.sign('sha256', Buffer.concat([authData, sha256(cd)]), key);
  return {
    response: {
      id: input.credential.credentialId,
      rawId: input.credential.credentialId,
      type: 'public-key',
      response: { clientDataJSON: b64u(cd), authenticatorData: b64u(authData), signature: b64u(signature), userHandle: input.credential.userHandle },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    },
    credential: { ...input.credential, signCount },
  };
}
