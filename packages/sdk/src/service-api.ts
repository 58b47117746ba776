import * as oidc from 'openid-client';

/**
 * A service's calls to the platform's own APIs (signing, notifications): an access token from
 * the client credentials grant for one scope, kept until shortly before it expires, then JSON
 * requests with it. An error answer becomes `ServiceApiError` with the platform's code.
 */
export class ServiceApiError extends Error {
  override name = 'ServiceApiError';
  readonly code: string;
  readonly status: number;
  constructor(code: string, status: number, message: string) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

export type ServiceCall = <T>(method: 'GET' | 'POST', path: string, body?: unknown, headers?: Record<string, string>) => Promise<T>;

export function createServiceCaller(config: oidc.Configuration, issuer: URL, scope: string, toError: (code: string, status: number, message: string) => Error = (c, s, m) => new ServiceApiError(c, s, m)): ServiceCall {
  let token: { value: string; until: number } | undefined;

  async function accessToken(): Promise<string> {
    if (token && token.until > Date.now()) return token.value;
    const t = await oidc.clientCredentialsGrant(config, { scope });
    token = { value: t.access_token, until: Date.now() + Math.max(0, (t.expiresIn() ?? 60) - 30) * 1000 };
    return token.value;
  }

  return async <T>(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
    const res = await fetch(new URL(path, issuer), {
      method,
      headers: { authorization: `Bearer ${await accessToken()}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json().catch(() => ({}))) as T & { error?: string; message?: string };
    if (!res.ok) throw toError(json.error ?? `http_${res.status}`, res.status, json.message ?? `${method} ${path} answered ${res.status}`);
    return json;
  };
}
