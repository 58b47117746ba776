import { z } from 'zod';
import { inLanguages } from '../http/validate.ts';

export { inLanguages };

/** Request and reply schemas the wallet's APIs share (http/openapi.ts builds the document from them). */

/** A service as the wallet shows it (oidc/clients.ts ServiceInfo). */
export const serviceReply = z.object({
  clientId: z.string(),
  name: z.string().describe('the English name'),
  names: inLanguages,
  department: z.string().optional(),
  departmentNames: inLanguages.optional(),
  logoUri: z.string().optional(),
  verified: z.boolean(),
  url: z.string().optional(),
  domain: z.string().optional().describe('the registered domain the wallet shows'),
});

export const statusReply = <S extends string>(status: S) => z.object({ status: z.literal(status) });

/** WebAuthn options the wallet hands to navigator.credentials (the fields it relies on; the rest as given). */
export const creationOptions = z.object({
  challenge: z.string(),
  rp: z.object({ id: z.string().optional(), name: z.string() }),
  user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
  pubKeyCredParams: z.array(z.object({ alg: z.number(), type: z.string() })),
});
export const requestOptions = z.object({ challenge: z.string(), rpId: z.string().optional(), allowCredentials: z.array(z.object({ id: z.string(), type: z.string() })).optional() });

const b64u = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url').max(8192);

const authenticatorResponse = z.object({
  id: b64u,
  rawId: b64u,
  type: z.literal('public-key'),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});

/** A WebAuthn assertion (signing in, approving) as the wallet sends it. */
export const assertion = authenticatorResponse.extend({
  response: z.object({ clientDataJSON: b64u, authenticatorData: b64u, signature: b64u, userHandle: b64u.optional() }),
});

/** A WebAuthn attestation (registering a device key). */
export const attestation = authenticatorResponse.extend({
  response: z.object({ clientDataJSON: b64u, attestationObject: b64u, transports: z.array(z.string().max(32)).max(8).optional() }),
});

