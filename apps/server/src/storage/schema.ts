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
    /** Resident-maintained e-ME fields (preferred email, postal address, …), encrypted; null until first edited (004). */
    resident_profile_enc: Generated<string | null>;
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
    /** Migration 009: one-time codes sent for this registration, and when the last one was. */
    codes_sent: Generated<number>;
    code_sent_at: number | null;
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
    verification_code: string | null;
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
  // Portal: sign-in sessions, hosted-form applications, inbox, department webhooks (003).
  portal_settings: { key: string; value_enc: string; created_at: number };
  portal_sessions: { id_hash: string; owner_hash: string; data_enc: string; created_at: number; last_seen_at: number; expires_at: number };
  application_drafts: { owner_hash: string; slug: string; data_enc: string; updated_at: number };
  applications: {
    id: string;
    reference: string;
    owner_hash: string;
    slug: string;
    department: string;
    status: string;
    data_enc: string;
    form_token_hash: string;
    submitted_at: number;
    updated_at: number;
  };
  application_events: { id: Generated<number>; application_id: string; status: string; note_enc: string | null; actor: string; at: number };
  application_counters: { key: string; value: number };
  application_files: {
    id: string;
    owner_hash: string;
    slug: string;
    application_id: string | null;
    field: string;
    meta_enc: string;
    mime: string;
    size: number;
    content_enc: string;
    created_at: number;
  };
  inbox_messages: { id: string; owner_hash: string; kind: string; params_enc: string; read_at: number | null; created_at: number };
  department_webhooks: { department: string; url: string; client_id: string; updated_at: number };
  webhook_outbox: {
    id: Generated<number>;
    department: string;
    application_id: string;
    body_enc: string;
    attempts: number;
    next_attempt_at: number;
    delivered_at: number | null;
    last_error: string | null;
    created_at: number;
  };
  // e-ME consent grants and the wallet app's sessions (004).
  consent_grants: { resident_id: string; client_id: string; fields: string; granted_at: number; updated_at: number; last_used_at: number };
  consent_grant_links: { grant_id: string; resident_id: string; client_id: string; sid: string | null; created_at: number };
  wallet_sessions: { token_hash: string; resident_id: string; device_id: string; created_at: number; last_seen_at: number; expires_at: number };
  wallet_challenges: { challenge: string; expires_at: number };
  /** Staff, counters, counter cases (in-person upgrade, recovery) and console sessions (006). JSON in text columns. */
  counters: { id: string; kind: string; district: string; name: string; address: string; lat: number; lon: number; opening_hours: string; services: string; phone: string; updated_at: number };
  staff_roles: { resident_id: string; role: string; counter_id: string | null; bootstrap: number; granted_by: string; granted_at: number };
  counter_cases: {
    id: string;
    kind: string;
    resident_id: string;
    code_hash: string;
    token_hash: string | null;
    challenge: string;
    status: string;
    staff_id: string | null;
    counter_id: string | null;
    document_type: string | null;
    document_hash: string | null;
    document_enc: string | null;
    expires_at: number;
    created_at: number;
    staff_confirmed_at: number | null;
    completed_at: number | null;
  };
  console_sessions: { token_hash: string; resident_id: string; id_token_enc: string; created_at: number; last_seen_at: number; expires_at: number };
  /** Portal catalogue (migration 002). Text columns hold JSON per language; `source` is 'seed' or 'operator'. */
  portal_departments: {
    slug: string;
    text_en: string;
    text_zh_hant: string;
    text_zh_hans: string;
    phone: string;
    website: string;
    source: string;
    updated_by: string | null;
    updated_at: number;
  };
  portal_services: {
    slug: string;
    department_slug: string;
    text_en: string;
    text_zh_hant: string;
    text_zh_hans: string;
    categories: string;
    life_events: string;
    eligibility: string;
    documents: string;
    keywords: string;
    fee_hkd: number;
    processing_days: number;
    online: string;
    online_url: string | null;
    counter: number;
    accepts_identity: number;
    popular: number | null;
    source: string;
    updated_by: string | null;
    updated_at: number;
  };
  /** The ledger (007): see ledger/store.ts. Hashes and tiles are base64 text. */
  ledger_outbox: { id: Generated<number>; audit_id: number; resident_id: string | null; entry: string; opening: string; created_at: number };
  ledger_entries: { idx: number; audit_id: number; resident_id: string | null; entry: string; opening: string; integrated_at: number };
  ledger_tiles: { level: number; idx: number; data: string };
  ledger_checkpoints: { size: number; root: string; note: string; cosignatures: Generated<string>; created_at: number };
  ledger_state: { id: number; size: number };
  /** Digital signing (008): the key store's index; `wrapped` is the private key sealed by the data key (embedded store only). */
  signing_keys: { id: string; store: string; purpose: string; public_key: string; wrapped: string | null; created_at: number };
  /** The CA's own certificates (DER, base64) by role: root, issuing, tsa. */
  signing_ca: { role: string; key_id: string; certificate: string; created_at: number };
  signing_certificates: {
    serial: string;
    resident_id: string;
    key_id: string;
    certificate: string;
    status: string;
    not_after: number;
    revoked_at: number | null;
    revocation_reason: string | null;
    created_at: number;
  };
  signing_requests: {
    id: string;
    token_hash: string;
    client_id: string;
    sub: string | null;
    resident_id: string | null;
    status: string;
    nonce: string;
    verification_code: string;
    /** JSON: [{name, sha256}] (base64 digests); for a PDF, the digest of its signed byte ranges. */
    documents: string;
    /** The PDF prepared with its signature placeholder (base64), for a PDF request. */
    pdf: string | null;
    /** JSON: the signatures, once signed. */
    result: string | null;
    expires_at: number;
    created_at: number;
    answered_at: number | null;
    /** 'documents' (the service API) or 'csc' (a CSC credential authorization, signed later by signHash) (011). */
    kind: Generated<string>;
    interaction_uid: string | null;
    grant_id: string | null;
    /** Where the service asked to be told when the request is done (signed webhook). */
    webhook_url: string | null;
  };
  pairwise_subjects: {
    sector: string;
    sub: string;
    resident_id: string;
    created_at: number;
  };
  ciba_requests: {
    id: string;
    auth_req_id: string;
    resident_id: string;
    client_id: string;
    scope: string;
    binding_message: string;
    acr_values: string | null;
    challenge: string;
    status: string;
    expires_at: number;
    created_at: number;
    answered_at: number | null;
    last_polled_at: number | null;
  };
  /** Notifications (012): see notify/. Content is encrypted (ctx.crypto); `delivery` is JSON per channel. */
  notify_consents: { resident_id: string; client_id: string; allowed: number; updated_at: number };
  notifications: {
    id: string;
    client_id: string;
    resident_id: string;
    idempotency_key: string | null;
    category: string;
    content_enc: string;
    delivery: string;
    created_at: number;
    expires_at: number;
    read_at: number | null;
    deleted_at: number | null;
  };
  notify_usage: { client_id: string; day: string; count: number };
  push_subscriptions: { id: string; resident_id: string; endpoint_hash: string; subscription_enc: string; created_at: number; last_success_at: number | null };
  notify_vapid: { id: number; public_key: string; private_enc: string; created_at: number };
  notify_topics: { id: string; names: string; publishers: string; created_at: number };
  notify_topic_followers: { topic_id: string; resident_id: string; created_at: number };
  notify_publications: {
    id: string;
    topic_id: string;
    category: string;
    content: string;
    publisher: string;
    status: string;
    cursor: string;
    total: number;
    delivered: number;
    pushed: number;
    created_at: number;
    expires_at: number;
    claimed_by: string | null;
    finished_at: number | null;
  };
  notify_topic_deliveries: { publication_id: string; resident_id: string; push: string; created_at: number; read_at: number | null; deleted_at: number | null };
  /** Analytics rollups (013): counts by grain ('hour' | 'day'), sketches by grain ('day' | 'month'), the rollup cursor. */
  analytics_counts: { grain: string; bucket: number; metric: string; dim: string; value: number };
  analytics_sketches: { grain: string; bucket: number; registers: Uint8Array };
  analytics_state: { id: string; cursor: number; events: number; updated_at: number };
  /** The operator console (015): requests awaiting a second operator; services' suspension state. */
  operator_requests: { id: string; kind: string; resident_id: string; reason: string; requested_by: string; requested_at: number; status: string; decided_by: string | null; decided_at: number | null; decision_reason: string | null };
  service_status: { client_id: string; suspended: number; suspended_at: number | null; reason: string; changed_by: string; changed_at: number };
  /** Developer console and approvals (014): organisations, members, invitations, services (draft and approved configuration), approval requests, sandbox identities. */
  dev_organisations: { id: string; name: string; created_by: string; created_at: number };
  dev_members: { organisation_id: string; resident_id: string; role: string; added_by: string; added_at: number };
  dev_invitations: { token_hash: string; organisation_id: string; invitee_hash: string; role: string; created_by: string; created_at: number; expires_at: number; accepted_by: string | null; accepted_at: number | null };
  dev_services: { id: string; organisation_id: string; draft: string; credentials: string; approved: string | null; approved_at: number | null; sandbox_client_id: string; production_client_id: string | null; created_by: string; created_at: number; updated_at: number };
  dev_approval_requests: { id: string; service_id: string; config: string; previous: string | null; status: string; requested_by: string; requested_at: number; decided_by: string | null; decided_at: number | null; reason: string | null };
  sandbox_identities: { id_hash: string; organisation_id: string; record_enc: string; created_by: string; created_at: number };
  /** Automation clients (016): a client-credentials client bound to one organisation. */
  dev_automation_clients: { client_id: string; organisation_id: string; name: string; method: string; created_by: string; created_at: number };
}
