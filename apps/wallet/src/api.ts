/**
 * The platform's wallet API (docs: the wallet HTTP contract). Same origin, JSON only; the
 * session is an HttpOnly cookie the browser sends by itself. Errors keep the server's code
 * and message, which are written for the resident.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: string, status: number, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export const isOffline = (err: unknown): boolean => err instanceof ApiError && err.code === 'offline';
export const isNoSession = (err: unknown): boolean => err instanceof ApiError && (err.code === 'no_session' || err.status === 401);

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  // Writes go as JSON, an empty object when there is nothing to send: the platform refuses other bodies.
  if (body === undefined && (method === 'POST' || method === 'PUT' || method === 'PATCH')) body = {};
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
  const json = (await res.json().catch(() => ({}))) as { error?: string; message?: string; details?: Record<string, unknown> };
  if (!res.ok) throw new ApiError(json.error ?? `http_${res.status}`, res.status, json.message ?? `${res.status}`, json.details);
  return json as T;
}

export type Lang3 = { en: string; 'zh-Hant': string; 'zh-Hans': string };

/** A service as the platform names it: `names` in each language (the English `name` is the fallback). */
export type ServiceNames = { name: string; names?: Partial<Lang3> | null; department?: string | null; departmentNames?: Partial<Lang3> | null };
export type ServiceInfo = ServiceNames & { clientId: string; logoUri?: string | null; verified: boolean; url?: string | null; domain?: string | null };

export type LoginRequest = {
  service: ServiceInfo;
  fields: Array<{ name: string; label: Lang3; source: string; required?: boolean; alreadyGranted?: boolean; purpose?: Lang3 }>;
  nonce: string;
  /** Three two-digit codes; the sign-in page shows one of them. */
  codeChoices: string[];
  rpId: string;
  expiresAt: string;
  continueUrl?: string;
};

/** A service's backchannel (CIBA) request waiting for the resident. */
export type CibaRequest = {
  id: string;
  service: ServiceInfo;
  bindingMessage: string;
  acrValues: string[];
  satisfiable: boolean;
  nonce: string;
  rpId: string;
  expiresAt: string;
};

export type Me = {
  assurance: string;
  registry: Record<string, string | null | undefined>;
  resident: Record<string, string | null | undefined>;
};

export type ConnectedService = ServiceNames & { clientId: string; logoUri?: string | null; fields: string[]; notGiven?: string[]; grantedAt: string; lastUsedAt?: string | null; suspended?: boolean };
export type RevokedService = ServiceNames & { clientId: string; logoUri?: string | null; fields: string[]; revokedAt: string };

export type ActivityEvent = { id?: number; at: string; type: string; outcome: string; service: (ServiceNames & { clientId: string }) | null; fields: string[] };

export type Device = { id: string; name: string; createdAt: string; lastUsedAt?: string | null; current: boolean };

export type SigningRequest = {
  service: ServiceInfo;
  documents: Array<{ name: string; sha256: string; fingerprint: string; kind: 'hash' | 'pdf' }>;
  verificationCode: string;
  nonce: string;
  rpId: string;
  expiresAt: string;
};

/** An inbox message (apps/server/src/notify/inbox.ts): a service's notification or a followed public alert. */
export type InboxItem = {
  id: string;
  kind: 'personal' | 'topic';
  category: 'action_needed' | 'status' | 'reminder' | 'security';
  from: { id: string; names: Partial<Lang3> };
  title: string;
  body: string;
  /** The language the text is in: another than the resident's when the sender did not write theirs (`fallback`). */
  lang: 'en' | 'zh-Hant' | 'zh-Hans';
  fallback: boolean;
  link: string | null;
  /** Where the link goes, shown before it is opened. */
  linkOrigin: string | null;
  createdAt: string;
  read: boolean;
};

/** A service that asks to send notifications, and the resident's answer. */
export type NotifyConsent = { clientId: string; names: Partial<Lang3>; allowed: boolean };
export type AlertTopic = { id: string; names: Partial<Lang3>; following: boolean };
