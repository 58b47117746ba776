/**
 * The platform's wallet API (docs: the wallet HTTP contract). Same origin, JSON only; the
 * session is an HttpOnly cookie the browser sends by itself. Errors keep the server's code
 * and message, which are written for the resident.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly code: string;
  readonly status: number;
  constructor(code: string, status: number, message: string) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

export const isOffline = (err: unknown): boolean => err instanceof ApiError && err.code === 'offline';
export const isNoSession = (err: unknown): boolean => err instanceof ApiError && (err.code === 'no_session' || err.status === 401);

export async function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  // Writes go as JSON, an empty object when there is nothing to send: the platform refuses other bodies.
  if (body === undefined && (method === 'POST' || method === 'PATCH')) body = {};
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError('offline', 0, 'offline');
  }
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
  if (!res.ok) throw new ApiError(json.error ?? `http_${res.status}`, res.status, json.message ?? `${res.status}`);
  return json as T;
}

export type Lang3 = { en: string; 'zh-Hant': string; 'zh-Hans': string };

export type ServiceInfo = { clientId: string; name: string; department?: string | null; logoUri?: string | null; verified: boolean };

export type LoginRequest = {
  service: ServiceInfo;
  fields: Array<{ name: string; label: Lang3; source: string; required?: boolean; alreadyGranted?: boolean }>;
  nonce: string;
  rpId: string;
  expiresAt: string;
  continueUrl?: string;
};

export type Me = {
  assurance: string;
  registry: Record<string, string | null | undefined>;
  resident: Record<string, string | null | undefined>;
};

export type ConnectedService = { clientId: string; name: string; department?: string | null; logoUri?: string | null; fields: string[]; grantedAt: string; lastUsedAt?: string | null };

export type ActivityEvent = { at: string; type: string; outcome: string; service: { clientId: string; name: string } | null; fields: string[] };

export type Device = { id: string; name: string; createdAt: string; lastUsedAt?: string | null; current: boolean };
