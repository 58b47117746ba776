import type * as oidc from 'openid-client';
import { createServiceCaller, ServiceApiError } from './service-api.ts';

/**
 * Asking residents to sign (the platform's signing API): calls to /api/signing/requests with
 * a client-credentials token for scope "signing" (service-api.ts). The service shows the request's `url` as a QR code and a
 * same-device link, with `verification_code` beside it, and polls `status` until it is signed.
 */
export type SigningRequestCreated = { id: string; url: string; expires_at: string; verification_code: string };
export type SigningRequestStatus = {
  id: string;
  status: 'pending' | 'signed' | 'declined' | 'expired' | 'failed';
  expires_at: string;
  documents: Array<{ name: string; sha256: string; signature?: string; signed_pdf?: string }>;
  certificate_chain?: string;
  certificate_serial?: string;
};

/** A refused signing call: the platform's error code, HTTP status and message. */
export class SigningApiError extends ServiceApiError {
  override name = 'SigningApiError';
}

export function createSigningApi(config: oidc.Configuration, issuer: URL) {
  const call = createServiceCaller(config, issuer, 'signing', (code, status, message) => new SigningApiError(code, status, message));

  return {
    /** Documents by SHA-256 (base64), or one PDF to sign as PAdES; `sub` limits the request to that resident. */
    request(input: { documents: Array<{ name: string; sha256: string }>; sub?: string } | { pdf: { name: string; data: Uint8Array }; sub?: string }): Promise<SigningRequestCreated> {
      const body = 'pdf' in input ? { pdf: { name: input.pdf.name, data: Buffer.from(input.pdf.data).toString('base64') }, ...(input.sub ? { sub: input.sub } : {}) } : input;
      return call<SigningRequestCreated>('POST', '/api/signing/requests', body);
    },
    status: (id: string) => call<SigningRequestStatus>('GET', `/api/signing/requests/${encodeURIComponent(id)}`),
  };
}
