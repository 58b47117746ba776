import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Audit } from '../audit/audit.ts';
import { claimsOf, fields as allFields } from '../consent/fields.ts';
import { createGrantStore, type GrantStore } from '../consent/grants.ts';
import { askedFields, fieldPurposes, registeredFields, type AskedField } from '../consent/policy.ts';
import { sha256 } from '../crypto/field-crypto.ts';
import { AppError, badRequest, conflict, forbidden, gone, notFound } from '../errors.ts';
import { clientEnvironment, environmentMismatch } from '../identity/environments.ts';
import type { ResidentStore } from '../identity/residents.ts';
import type { ClientStore, ServiceInfo } from '../oidc/clients.ts';
import type { Db } from '../storage/db.ts';
import { createDeviceStore, type DeviceStore } from './devices.ts';
import { inTransaction } from '../storage/transaction.ts';
import { prepared } from '../storage/prepared.ts';
import { approvalChallenge } from './protocol.ts';
import { failureDetail, verifyAssertion, type WebAuthnRp } from './webauthn.ts';

/**
 * A login request is one QR code: created when a browser shows the sign-in page, opened by
 * the wallet through its URL, approved or declined there, and consumed once by the same
 * browser that showed it. The URL's secret is stored only as a hash.
 */
export type ApprovedLogin = { id: string; residentId: string; clientId: string; scope: string; sharedClaims: string[]; declinedClaims: string[]; requestedClaims: string[] };
export type LoginStatus = 'pending' | 'approved' | 'declined' | 'expired' | 'used';
export const LOGIN_REQUEST_TTL_MS = 5 * 60_000;

/** What the resident answered on the approval screen beside the fields (notify/: may this service send notifications). */
export type ApprovalAnswers = { notifications?: boolean };
/** Something another capability writes with an approval, in its transaction (notify/ records the notifications answer). */
export type ApprovalStep = (trx: Db, approval: { residentId: string; clientId: string; answers: ApprovalAnswers }) => Promise<void>;

export type LoginRequestDeps = {
  db: Db;
  clients: ClientStore;
  devices: DeviceStore;
  residents: ResidentStore;
  grants: GrantStore;
  audit: Audit;
  rp: WebAuthnRp;
  issuer: string;
  tokenKey: string;
  /** Told when a request is shown, found expired, or completed (the login funnel's metrics). */
  onStep?: (step: 'shown' | 'expired' | 'completed') => void;
};

// The lookups of every sign-in (the wallet's, the page's long-poll, the browser's continue): compiled once.
const requestByTokenHash = prepared((db, arg) => db.selectFrom('login_requests').selectAll().where('token_hash', '=', arg(0)));
const statusFor = prepared((db, arg) => db.selectFrom('login_requests').select(['status', 'expires_at']).where('interaction_uid', '=', arg(0)).where('browser_hash', '=', arg(1)).orderBy('created_at', 'desc').limit(1));
const approvedRequest = prepared((db, arg) => db.selectFrom('login_requests').selectAll().where('interaction_uid', '=', arg(0)).where('browser_hash', '=', arg(1)).where('status', '=', 'approved').limit(1));

export function createLoginRequests(deps: LoginRequestDeps) {
  const { db, clients, devices, residents, grants, audit, rp, issuer } = deps;
  const events = new EventEmitter().setMaxListeners(0);
  const step = deps.onStep ?? (() => undefined);
  const approvalSteps: ApprovalStep[] = [];
  let closing = false;
  const tokenFor = (id: string) => crypto.createHmac('sha256', deps.tokenKey).update(`login-request\n${id}`).digest('base64url');
  const urlFor = (id: string) => `${issuer}/wallet/login#${tokenFor(id)}`;
  // The three codes the wallet offers: the real one and two others, in an order fixed per
  // request (a reload must not reveal the real one as the code that stays put).
  const codeChoices = (id: string, code: string): string[] => {
    const bytes = crypto.createHmac('sha256', deps.tokenKey).update(`code-choices\n${id}`).digest();
    const choices = [code];
    for (let i = 0; choices.length < 3; i++) {
      const c = String(10 + ((bytes[i % 31]! + i * 7) % 90));
      if (!choices.includes(c)) choices.push(c);
    }
    const at = bytes[31]! % 3;
    return [...choices.slice(1, 1 + at), code, ...choices.slice(1 + at)];
  };
  const effective = (r: { status: string; expires_at: number }): LoginStatus => (r.status === 'pending' && Number(r.expires_at) <= Date.now() ? 'expired' : (r.status as LoginStatus));

  async function byToken(token: string) {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw notFound('unknown_request', 'This sign-in request does not exist. Scan the code on the service again.');
    const row = (await requestByTokenHash(db, sha256(token))).rows[0];
    if (!row) throw notFound('unknown_request', 'This sign-in request does not exist. Scan the code on the service again.');
    return row;
  }

  function assertPending(row: { status: string; expires_at: number }) {
    const s = effective(row);
    if (s === 'expired') step('expired');
    if (s === 'expired') throw gone('request_expired', 'This sign-in request has expired. Ask for a new code on the service.');
    if (s !== 'pending') throw conflict('request_used', 'This sign-in request has already been answered.');
  }

  /** As assertPending, with the service it was for, so the wallet can offer the way back to it. */
  async function assertPendingForWallet(row: { status: string; expires_at: number; client_id: string }) {
    try {
      assertPending(row);
    } catch (err) {
      const service = await clients.info(row.client_id);
      if (err instanceof AppError && service) throw new AppError(err.code, err.status, err.message, { service });
      throw err;
    }
  }

  // What this request asks for, within what the service registered (consent/policy.ts), with why.
  async function parseFields(row: { client_id: string; scope: string; claims: string }): Promise<AskedField[]> {
    const client = await clients.find(row.client_id);
    if (!client) throw gone('request_expired', 'The service that asked is no longer registered.');
    const purposes = fieldPurposes(client);
    return askedFields(registeredFields(client), row.scope, JSON.parse(row.claims) as string[]).map((f) => (purposes[f.name] ? { ...f, purpose: purposes[f.name] } : f));
  }

  return {
    events,

    /** The pending request this browser already shows for this interaction, or a new one. */
    async open(input: { interactionUid: string; clientId: string; scope: string; claimNames: string[]; browserSecret: string }) {
      const browser_hash = sha256(input.browserSecret);
      const existing = await db
        .selectFrom('login_requests')
        .selectAll()
        .where('interaction_uid', '=', input.interactionUid)
        .where('browser_hash', '=', browser_hash)
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      if (existing && ['pending', 'approved', 'declined'].includes(effective(existing))) {
        return { id: existing.id, url: urlFor(existing.id), status: effective(existing), expiresAt: Number(existing.expires_at), code: existing.verification_code ?? '' };
      }
      const id = crypto.randomUUID();
      const now = Date.now();
      // Two digits, 10-99: read aloud or at a glance without a leading zero.
      const code = String(crypto.randomInt(10, 100));
      await db
        .insertInto('login_requests')
        .values({
          id,
          token_hash: sha256(tokenFor(id)),
          interaction_uid: input.interactionUid,
          client_id: input.clientId,
          browser_hash,
          challenge: crypto.randomBytes(32).toString('base64url'),
          scope: input.scope,
          claims: JSON.stringify(input.claimNames),
          status: 'pending',
          resident_id: null,
          shared_fields: null,
          expires_at: now + LOGIN_REQUEST_TTL_MS,
          created_at: now,
          verification_code: code,
        })
        .execute();
      step('shown');
      return { id, url: urlFor(id), status: 'pending' as LoginStatus, expiresAt: now + LOGIN_REQUEST_TTL_MS, code };
    },

    /**
     * What the wallet shows: who asks, for what, and the nonce to sign. With `residentId` (a
     * signed-in wallet) the fields already granted to this service are marked.
     */
    async describe(token: string, residentId?: string) {
      const row = await byToken(token);
      await assertPendingForWallet(row);
      const service = await clients.info(row.client_id);
      if (!service) throw gone('request_expired', 'The service that asked is no longer registered.');
      const granted = new Set(residentId ? ((await grants.find(residentId, row.client_id))?.fields ?? []).map((f) => f.name) : []);
      const fields = (await parseFields(row)).map((f) => ({ ...f, alreadyGranted: granted.has(f.name) }));
      return {
        service,
        fields,
        nonce: row.challenge,
        codeChoices: codeChoices(row.id, row.verification_code ?? ''),
        expiresAt: Number(row.expires_at),
        rpId: rp.rpId,
        continueUrl: `/interaction/${row.interaction_uid}/continue`,
      };
    },

    /** Adds a step to every approval's transaction (a capability built after this one registers it). */
    addApprovalStep(s: ApprovalStep): void {
      approvalSteps.push(s);
    },

    async approve(token: string, input: { credential: AuthenticationResponseJSON; share: string[]; code: string } & ApprovalAnswers): Promise<{ service: ServiceInfo; shared: string[] }> {
      const row = await byToken(token);
      assertPending(row);
      if (!row.verification_code || !safeEqual(input.code, row.verification_code)) {
        // A wrong pick ends the request: the sign-in page shows it expired and offers a new
        // code, so guessing among the three choices gets one try, not three.
        await inTransaction(db, async (trx) => {
          await trx.updateTable('login_requests').set({ expires_at: Date.now() }).where('id', '=', row.id).where('status', '=', 'pending').execute();
          await audit.record(trx, { type: 'login.failed', outcome: 'failure', clientId: row.client_id, detail: { reason: 'wrong_code' } });
        });
        events.emit(row.interaction_uid);
        throw badRequest('wrong_code', 'The code you picked is not the one on the sign-in page, so this request is cancelled. If you did not start this sign-in, someone may be trying to use your identity; otherwise show a new code on the page and scan again.');
      }
      const requested = await parseFields(row);
      const unknown = input.share.filter((n) => !requested.some((f) => f.name === n));
      if (unknown.length) throw badRequest('invalid_share', `These fields were not asked for: ${unknown.join(', ')}`);
      const missing = requested.filter((f) => f.required && !input.share.includes(f.name)).map((f) => f.name);
      if (missing.length) throw badRequest('required_field', `The service needs these fields to sign you in: ${missing.join(', ')}. Share them, or decline the request.`, { fields: missing });
      const device = await devices.find(input.credential.id);
      if (!device) throw badRequest('unknown_device', 'This device is not registered. Register the wallet again.');
      const resident = await residents.findById(device.residentId);
      if (!resident || resident.status !== 'active') throw forbidden('resident_locked', 'This digital identity is locked. Contact the helpline.');
      // A sandbox identity signs in only to sandbox services, a real resident only to live ones.
      const env = resident.environment;
      if (env !== clientEnvironment(await clients.find(row.client_id))) {
        await audit.record(db, { type: 'login.failed', outcome: 'failure', residentId: resident.id, clientId: row.client_id, detail: { reason: 'wrong_environment' } });
        throw environmentMismatch(env);
      }
      let counter: number;
      try {
        counter = await verifyAssertion(rp, input.credential, approvalChallenge(row.challenge, input.share, row.verification_code), device);
      } catch (err) {
        await audit.record(db, { type: 'login.failed', outcome: 'failure', residentId: resident.id, clientId: row.client_id, detail: failureDetail(err) });
        throw err;
      }
      const shared = requested.filter((f) => input.share.includes(f.name)).map((f) => f.name);
      // The approval, the device's signature counter, the e-ME grant, the audit event and the other
      // answers given with it (approval steps) are one transaction: a crash leaves either an
      // approved request with all its records, or a pending one.
      await inTransaction(db, async (trx) => {
        const res = await trx
          .updateTable('login_requests')
          .set({ status: 'approved', resident_id: resident.id, shared_fields: JSON.stringify(shared) })
          .where('id', '=', row.id)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw conflict('request_used', 'This sign-in request has already been answered.');
        await createDeviceStore(trx).touch(device.id, counter);
        await createGrantStore(trx).recordApproval(resident.id, row.client_id, requested.map((f) => f.name), shared);
        await audit.record(trx, { type: 'login.approved', outcome: 'success', residentId: resident.id, clientId: row.client_id, fields: shared });
        for (const s of approvalSteps) await s(trx, { residentId: resident.id, clientId: row.client_id, answers: { notifications: input.notifications } });
      });
      events.emit(row.interaction_uid);
      return { service: (await clients.info(row.client_id))!, shared };
    },

    async decline(token: string): Promise<void> {
      const row = await byToken(token);
      assertPending(row);
      await inTransaction(db, async (trx) => {
        const res = await trx.updateTable('login_requests').set({ status: 'declined' }).where('id', '=', row.id).where('status', '=', 'pending').executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw conflict('request_used', 'This sign-in request has already been answered.');
        await audit.record(trx, { type: 'login.declined', outcome: 'declined', clientId: row.client_id });
      });
      events.emit(row.interaction_uid);
    },

    async status(interactionUid: string, browserSecret: string): Promise<LoginStatus | undefined> {
      const row = (await statusFor(db, interactionUid, sha256(browserSecret))).rows[0];
      return row ? effective(row) : undefined;
    },

    /** The approved request this browser may finish, if there is one (read only: see `consume`). */
    async approvedFor(interactionUid: string, browserSecret: string): Promise<ApprovedLogin | undefined> {
      const row = (await approvedRequest(db, interactionUid, sha256(browserSecret))).rows[0];
      if (!row) return undefined;
      const sharedNames = JSON.parse(row.shared_fields ?? '[]') as string[];
      const shared = allFields.filter((f) => sharedNames.includes(f.name));
      // Every field not shared is refused, including ones a broad scope covers but the service did not register.
      const declined = allFields.filter((f) => !sharedNames.includes(f.name));
      return { id: row.id, residentId: row.resident_id!, clientId: row.client_id, scope: row.scope, sharedClaims: claimsOf(shared), declinedClaims: claimsOf(declined), requestedClaims: JSON.parse(row.claims) as string[] };
    },

    /**
     * Hands an approved request to its browser, once: marks it used and links the provider
     * grant made for it, in one transaction. False when another tab or a replay was first.
     */
    async consume(requestId: string, providerGrantId: string, login: { residentId: string; clientId: string }): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const res = await trx.updateTable('login_requests').set({ status: 'used' }).where('id', '=', requestId).where('status', '=', 'approved').executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) return false;
        await createGrantStore(trx).linkProviderGrant(providerGrantId, login.residentId, login.clientId);
        return true;
      }).then((done) => {
        if (done) step('completed');
        return done;
      });
    },

    /** Answers every waiting long-poll now, and any later one at once: the server is shutting down. */
    shutdown(): void {
      closing = true;
      for (const name of events.eventNames()) events.emit(name);
    },

    get closing(): boolean {
      return closing;
    },

    /** Resolves when this interaction's request changes, or after `ms` (at once while shutting down). */
    waitForChange(interactionUid: string, ms: number): Promise<void> {
      if (closing) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          events.off(interactionUid, done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        events.once(interactionUid, done);
      });
    },
  };
}

export type LoginRequests = ReturnType<typeof createLoginRequests>;

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
