import type { Generated } from 'kysely';

/**
 * The one schema, for both databases. Dialect differences are kept out of it on
 * purpose: timestamps are epoch milliseconds (bigint), JSON is text, booleans are
 * integers, binary is base64url text. See storage/db.ts for the PostgreSQL type parsers.
 */
export interface Database {
  registry_records: {
    id_hash: string;
    record_enc: string;
  };
  residents: {
    id: string;
    registry_ref: string;
    /** What the registry said at registration (and resident-maintained fields), encrypted. */
    profile_enc: string;
    assurance: string;
    status: string;
    created_at: number;
  };
  device_credentials: {
    id: string;
    resident_id: string;
    public_key: string;
    counter: number;
    transports: string;
    name: string;
    created_at: number;
    last_used_at: number | null;
  };
  registrations: {
    id: string;
    id_hash: string;
    otp_hash: string;
    attempts: number;
    status: string;
    challenge: string | null;
    expires_at: number;
    created_at: number;
  };
  lockouts: {
    key: string;
    failures: number;
    window_start: number;
    locked_until: number | null;
  };
  login_requests: {
    id: string;
    token_hash: string;
    interaction_uid: string;
    client_id: string;
    browser_hash: string;
    challenge: string;
    scope: string;
    claims: string;
    status: string;
    resident_id: string | null;
    shared_fields: string | null;
    expires_at: number;
    created_at: number;
  };
  oidc_payloads: {
    model: string;
    id: string;
    payload: string;
    grant_id: string | null;
    uid: string | null;
    user_code: string | null;
    expires_at: number | null;
    consumed_at: number | null;
  };
  oidc_clients: {
    client_id: string;
    name: string;
    metadata: string;
    created_at: number;
  };
  audit_events: {
    id: Generated<number>;
    at: number;
    type: string;
    outcome: string;
    resident_id: string | null;
    client_id: string | null;
    fields: string | null;
    detail: string | null;
  };
  sms_outbox: {
    id: Generated<number>;
    recipient: string;
    body: string;
    created_at: number;
  };
}
