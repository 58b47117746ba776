import { z } from 'zod';
import { serviceReply } from '../wallet-api/schemas.ts';

/** Reply schemas of the signing routes, for the API document (http/openapi.ts). */
export const createdReply = z.object({
  id: z.string(),
  url: z.string().describe('show it as a QR code (and a same-device link)'),
  expires_at: z.string(),
  verification_code: z.string().describe('show it beside the QR code; the wallet asks the resident to match it'),
});

export const statusReply = z.object({
  id: z.string(),
  status: z.enum(['pending', 'signed', 'declined', 'expired', 'failed']),
  expires_at: z.string(),
  answered_at: z.string().optional(),
  documents: z.array(z.object({ name: z.string(), sha256: z.string(), signature: z.string().optional().describe('CAdES-B-T, DER, base64'), signed_pdf: z.string().optional().describe('PAdES-B-T PDF, base64') })),
  certificate_chain: z.string().optional().describe("PEM: the resident's certificate, the issuing CA, the root"),
  certificate_serial: z.string().optional(),
});

export const walletView = z.object({
  service: serviceReply,
  documents: z.array(z.object({ name: z.string(), sha256: z.string(), fingerprint: z.string(), kind: z.enum(['pdf', 'hash']) })),
  verificationCode: z.string().nullable(),
  nonce: z.string(),
  rpId: z.string(),
  expiresAt: z.string(),
});

export const approvedReply = z.object({ status: z.enum(['signed', 'authorized']), service: z.string(), documents: z.number() });

export const verificationReply = z.object({
  valid: z.boolean(),
  problem: z.enum(['not_a_signature', 'no_signature_in_pdf', 'document_changed', 'bad_signature', 'unknown_issuer', 'revoked', 'bad_timestamp']).optional(),
  format: z.enum(['CAdES', 'PAdES']).optional(),
  signer: z.object({ name: z.string(), serial: z.string(), issuer: z.string(), notBefore: z.string(), notAfter: z.string() }).optional(),
  certificate: z.object({ status: z.enum(['valid', 'revoked', 'unknown']), revokedAt: z.string().optional(), reason: z.string().optional() }).optional(),
  signingTime: z.string().optional(),
  timestamp: z.object({ time: z.string(), valid: z.boolean() }).optional(),
});
