import * as oidc from 'openid-client';

/**
 * Asking residents to sign (the platform's signing API): an access token from the client
 * credentials grant with scope "signing" (kept until shortly before it expires), then JSON
 * calls to /api/signing/requests. The service shows the request's `url` as a QR code and a
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

export class SigningApiError extends Error {
  override name = 'SigningApiError';
  readonly code: string;
  readonly status: number;
  constructor(code: string, status: number, message: string) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

export function createSigningApi(config: oidc.Configuration, issuer: URL) {
  let token: { value: string; until: number } | undefined;

  async function accessToken(): Promise<string> {
    if (token && token.until > Date.now()) return token.value;
    const t = await oidc.clientCredentialsGrant(config, { scope: 'signing' });
    token = { value: t.access_token, until: Date.now() + Math.max(0, (t.expiresIn() ?? 60) - 30) * 1000 };
    return token.value;
  }

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await fetch(new URL(path, issuer), {
      method,
      headers: { authorization: `Bearer ${await accessToken()}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json().catch(() => ({}))) as T & { error?: string; message?: string };
    if (!res.ok) throw new SigningApiError(json.error ?? `http_${res.status}`, res.status, json.message ?? `${method} ${path} answered ${res.status}`);
    return json;
  }

  return {
    /** Documents by SHA-256 (base64), or one PDF to sign as PAdES; `sub` limits the request to that resident. */
    request(input: { documents: Array<{ name: string; sha256: string }>; sub?: string } | { pdf: { name: string; data: Uint8Array }; sub?: string }): Promise<SigningRequestCreated> {
      const body = 'pdf' in input ? { pdf: { name: input.pdf.name, data: Buffer.from(input.pdf.data).toString('base64') }, ...(input.sub ? { sub: input.sub } : {}) } : input;
      return call<SigningRequestCreated>('POST', '/api/signing/requests', body);
    },
    status: (id: string) => call<SigningRequestStatus>('GET', `/api/signing/requests/${encodeURIComponent(id)}`),
  };
}
