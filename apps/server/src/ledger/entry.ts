import crypto from 'node:crypto';
import type { AuditEvent } from '../audit/audit.ts';

/**
 * What the public log says about one use of an identity, and what only the resident can open.
 *
 * The *opening* is the canonical event: JSON with sorted keys and no spaces,
 *   {"at":<epoch ms>,"event":<audit id>,"fields":[…],"outcome":"…","service":<client id|null>,"type":"…","v":1}
 * The *entry* (the log's leaf data) is the same shape, public:
 *   {"commitment":<base64 HMAC-SHA256(resident ledger secret, opening)>,"fields":[…],
 *    "minute":"YYYY-MM-DDTHH:MMZ","outcome":"…","service":<client id|null>,"type":"…","v":1}
 * The resident ledger secret is HMAC-SHA256(platform ledger secret, "yat-ledger-resident-v1\n" || resident id):
 * the wallet gets it from the wallet API, so it can recompute each commitment from its opening.
 * Without it an entry links to no one: two entries of the same resident share nothing.
 */
export type LoggedEvent = AuditEvent & { at: number; id: number; residentId: string };

/** JSON with keys sorted at every level, the only serialisation hashed or committed to. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

// A KeyObject per platform secret: Node checks a Buffer key's type on every use, at ~10 µs a time.
const platformKeys = new Map<string, crypto.KeyObject>();

export function residentSecret(platformSecret: string, residentId: string): Buffer {
  let key = platformKeys.get(platformSecret);
  if (!key) platformKeys.set(platformSecret, (key = crypto.createSecretKey(Buffer.from(platformSecret, 'base64url'))));
  return crypto.createHmac('sha256', key).update(`yat-ledger-resident-v1\n${residentId}`).digest();
}

export function openingOf(e: LoggedEvent): string {
  return canonicalJson({ at: e.at, event: e.id, fields: [...(e.fields ?? [])].sort(), outcome: e.outcome, service: e.clientId ?? null, type: e.type, v: 1 });
}

export const minuteOf = (at: number): string => `${new Date(at - (at % 60_000)).toISOString().slice(0, 16)}Z`;

export function entryFor(opening: string, secret: Buffer): string {
  const o = JSON.parse(opening) as { at: number; fields: string[]; outcome: string; service: string | null; type: string };
  const commitment = crypto.createHmac('sha256', secret).update(opening).digest('base64');
  return canonicalJson({ commitment, fields: o.fields, minute: minuteOf(o.at), outcome: o.outcome, service: o.service, type: o.type, v: 1 });
}
