import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Audit } from '../audit/audit.ts';
import { sha256 as hashToken } from '../crypto/field-crypto.ts';
import { AppError, badRequest, conflict, forbidden, gone, notFound } from '../errors.ts';
import type { ResidentStore } from '../identity/residents.ts';
import type { ClientStore, ServiceInfo } from '../oidc/clients.ts';
import type { Webhooks } from '../portal/applications/webhooks.ts';
import { pairwiseSubject } from '../oidc/provider.ts';
import type { Db } from '../storage/db.ts';
import type { Database } from '../storage/schema.ts';
import { inTransaction } from '../storage/transaction.ts';
import type { DeviceStore } from '../wallet-api/devices.ts';
import { signingChallenge } from '../wallet-api/protocol.ts';
import { verifyAssertion, type WebAuthnRp } from '../wallet-api/webauthn.ts';
import type { DocumentToSign, SigningEngine, SignedDocument } from './engine.ts';
import { MAX_PDF_BYTES, preparePdf } from './pades.ts';

/**
 * A signing request: a service asks (documents by SHA-256, or one PDF), the resident opens
 * its link in the wallet, sees the service, each document's name and fingerprint and the
 * verification code the service shows, and approves with the device key. The approval's
 * WebAuthn challenge covers exactly these digests (wallet-api/protocol.ts), the signatures
 * are made, and the service collects them by polling the request. Like a login request, the
 * link's secret is stored only as a hash.
 */
export type SigningStatus = 'pending' | 'signed' | 'declined' | 'expired' | 'failed' | 'authorized' | 'granted';
export const SIGNING_REQUEST_MAX_TTL_S = 18 * 60;

type StoredDocument = { name: string; sha256: string; byteRange?: number[] };
type Row = Selectable<Database['signing_requests']>;

/**
 * `kind: 'csc'`: a CSC credential authorization (csc/), opened by a provider interaction; the
 * wallet's approval authorises these digests and the signatures are made later, by signHash.
 */
export type NewSigningRequest = { documents?: Array<{ name: string; sha256: string }>; pdf?: { name: string; data: Uint8Array }; sub?: string; expiresIn?: number; webhookUrl?: string; kind?: 'csc'; interactionUid?: string };

/** The portal's signed webhook outbox, as far as signing uses it. */
export type DoneWebhooks = Pick<Webhooks, 'enqueue' | 'kick' | 'checkUrl'>;

export type SigningRequestDeps = { db: Db; clients: ClientStore; devices: DeviceStore; residents: ResidentStore; audit: Audit; rp: WebAuthnRp; issuer: string; tokenKey: string; pairwiseSalt: string; engine: SigningEngine; webhooks: DoneWebhooks };

export function createSigningRequests(deps: SigningRequestDeps) {
  const { db, clients, devices, residents, audit, rp, issuer, engine } = deps;
  const tokenFor = (id: string) => crypto.createHmac('sha256', deps.tokenKey).update(`signing-request\n${id}`).digest('base64url');
  const urlFor = (id: string) => `${issuer}/wallet/sign#${tokenFor(id)}`;
  const effective = (r: { status: string; expires_at: number }): SigningStatus => (r.status === 'pending' && Number(r.expires_at) <= Date.now() ? 'expired' : (r.status as SigningStatus));
  const docsOf = (row: Row) => JSON.parse(row.documents) as StoredDocument[];
  const fingerprint = (b64: string) => Buffer.from(b64, 'base64').toString('hex').toUpperCase().match(/.{2}/g)!.join(':');

  async function byToken(token: string): Promise<Row> {
    const row = /^[A-Za-z0-9_-]{43}$/.test(token) ? await db.selectFrom('signing_requests').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst() : undefined;
    if (!row) throw notFound('unknown_request', 'This signing request does not exist. Scan the code on the service again.');
    return row;
  }

  function assertPending(row: Row) {
    const s = effective(row);
    if (s === 'expired') throw gone('request_expired', 'This signing request has expired. Ask the service for a new one.');
    if (s !== 'pending') throw conflict('request_used', 'This signing request has already been answered.');
  }

  /** The service is told (signed webhook, in the same transaction) when a request it gave a URL for is done. */
  async function tellService(trx: Db, row: Row, status: 'signed' | 'declined'): Promise<void> {
    if (!row.webhook_url) return;
    await deps.webhooks.enqueue(trx, { recipient: row.client_id, subject: row.id, url: row.webhook_url, event: `signing.${status}`, payload: { signing_request: { id: row.id, status } } });
  }

  async function serviceOf(clientId: string): Promise<ServiceInfo> {
    const service = await clients.info(clientId);
    if (!service) throw gone('request_expired', 'The service that asked is no longer registered.');
    return service;
  }

  /** A CSC authorization approved: no signature yet; the provider interaction turns it into a grant (csc/authorizations.ts). */
  async function authorizeOnly(row: Row, residentId: string, docs: StoredDocument[]) {
    await inTransaction(db, async (trx) => {
      const res = await trx
        .updateTable('signing_requests')
        .set({ status: 'authorized', resident_id: residentId, answered_at: Date.now() })
        .where('id', '=', row.id)
        .where('status', '=', 'pending')
        .where('expires_at', '>', Date.now())
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('request_used', 'This signing request has already been answered or has expired.');
      await audit.record(trx, { type: 'signing.authorized', outcome: 'success', residentId, clientId: row.client_id, detail: { request: row.id, documents: docs.map((d) => ({ name: d.name, sha256: d.sha256 })) } });
    });
    return { status: 'authorized' as const, service: (await serviceOf(row.client_id)).name, documents: docs.length };
  }

  return {
    urlFor,

    /** A service's new request; a PDF is prepared (signature placeholder) before anything is stored. */
    async create(clientId: string, input: NewSigningRequest) {
      let documents: StoredDocument[];
      let pdf: string | null = null;
      if (input.pdf) {
        if (input.pdf.data.length > MAX_PDF_BYTES) throw badRequest('pdf_too_large', 'The PDF is larger than 10 MB.');
        const service = await serviceOf(clientId);
        const prepared = await preparePdf(input.pdf.data, { reason: `Signed for ${service.name} with a Yat digital identity`, location: new URL(issuer).host, appName: 'Yat' });
        documents = [{ name: input.pdf.name, sha256: Buffer.from(prepared.digest).toString('base64'), byteRange: prepared.byteRange }];
        pdf = Buffer.from(prepared.pdf).toString('base64');
      } else {
        documents = (input.documents ?? []).map((d) => ({ name: d.name, sha256: d.sha256 }));
      }
      if (!documents.length) throw badRequest('invalid_request', 'Give one or more documents ({name, sha256}) or one PDF.');
      const webhookUrl = input.webhookUrl ? deps.webhooks.checkUrl(input.webhookUrl) : null;
      const id = crypto.randomUUID();
      const now = Date.now();
      const expiresAt = now + Math.min(input.expiresIn ?? SIGNING_REQUEST_MAX_TTL_S, SIGNING_REQUEST_MAX_TTL_S) * 1000;
      const verificationCode = String(crypto.randomInt(0, 10_000)).padStart(4, '0');
      await inTransaction(db, async (trx) => {
        await trx
          .insertInto('signing_requests')
          .values({
            id,
            token_hash: hashToken(tokenFor(id)),
            client_id: clientId,
            sub: input.sub ?? null,
            resident_id: null,
            status: 'pending',
            nonce: crypto.randomBytes(32).toString('base64url'),
            verification_code: verificationCode,
            documents: JSON.stringify(documents),
            pdf,
            result: null,
            expires_at: expiresAt,
            created_at: now,
            answered_at: null,
            kind: input.kind ?? 'documents',
            interaction_uid: input.interactionUid ?? null,
            grant_id: null,
            webhook_url: webhookUrl,
          })
          .execute();
        await audit.record(trx, { type: 'signing.requested', outcome: 'success', clientId, detail: { request: id, documents: documents.length, pdf: Boolean(pdf), ...(input.kind ? { kind: input.kind } : {}) } });
      });
      return { id, url: urlFor(id), expires_at: new Date(expiresAt).toISOString(), verification_code: verificationCode };
    },

    /** What the service sees: the status and, once signed, the signatures and the chain. */
    async status(clientId: string, id: string) {
      const row = /^[0-9a-f-]{36}$/.test(id) ? await db.selectFrom('signing_requests').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
      if (!row || row.client_id !== clientId) throw notFound('unknown_request', 'No signing request with this id for this service.');
      const status = effective(row);
      const result = row.result ? (JSON.parse(row.result) as { chainPem: string; serial: string; documents: SignedDocument[] }) : undefined;
      return {
        id: row.id,
        status,
        expires_at: new Date(Number(row.expires_at)).toISOString(),
        ...(row.answered_at ? { answered_at: new Date(Number(row.answered_at)).toISOString() } : {}),
        documents: result
          ? result.documents.map((d) => ({ name: d.name, sha256: d.sha256, signature: d.cades, ...(d.pdf ? { signed_pdf: d.pdf } : {}) }))
          : docsOf(row).map((d) => ({ name: d.name, sha256: d.sha256 })),
        ...(result ? { certificate_chain: result.chainPem, certificate_serial: result.serial } : {}),
      };
    },

    /** What the wallet shows: the service, each document's name and fingerprint, the code, and the nonce to sign. */
    async describe(token: string) {
      const row = await byToken(token);
      assertPending(row);
      return {
        service: await serviceOf(row.client_id),
        documents: docsOf(row).map((d) => ({ name: d.name, sha256: d.sha256, fingerprint: fingerprint(d.sha256), kind: d.byteRange ? 'pdf' : 'hash' })),
        verificationCode: row.verification_code,
        nonce: row.nonce,
        rpId: rp.rpId,
        expiresAt: Number(row.expires_at),
      };
    },

    async approve(token: string, input: { credential: AuthenticationResponseJSON }) {
      const row = await byToken(token);
      assertPending(row);
      const device = await devices.find(input.credential.id);
      if (!device) throw badRequest('unknown_device', 'This device is not registered. Register the wallet again.');
      const resident = await residents.findById(device.residentId);
      if (!resident || resident.status !== 'active') throw forbidden('resident_locked', 'This digital identity is locked. Contact the helpline.');
      const docs = docsOf(row);
      let counter: number;
      try {
        counter = await verifyAssertion(rp, input.credential, signingChallenge(row.nonce, docs), device);
      } catch (err) {
        await audit.record(db, { type: 'signing.failed', outcome: 'failure', residentId: resident.id, clientId: row.client_id, detail: { request: row.id, reason: (err as AppError).code } });
        throw err;
      }
      await devices.touch(device.id, counter);
      if (resident.assurance !== 'plus') {
        throw forbidden(
          'plus_required',
          'Signing documents needs the plus level of your digital identity. Visit a registration counter with your identity card to upgrade it in person (a few minutes), then ask the service to send the request again.',
        );
      }
      if (row.sub) {
        const client = await clients.find(row.client_id);
        const sector = String(client?.yat_sector ?? '');
        if (pairwiseSubject(deps.pairwiseSalt, sector, resident.id) !== row.sub) throw forbidden('wrong_resident', 'This signing request is for another person.');
      }
      if (row.kind === 'csc') return authorizeOnly(row, resident.id, docs);
      // The signatures are made before the transaction (slow crypto); a lost race discards them.
      const pdf = row.pdf ? Buffer.from(row.pdf, 'base64') : undefined;
      const toSign: DocumentToSign[] = docs.map((d) => ({ name: d.name, sha256: d.sha256, ...(pdf && d.byteRange ? { pdf: { prepared: pdf, byteRange: d.byteRange } } : {}) }));
      const signed = await engine.sign(resident, toSign);
      const now = Date.now();
      await inTransaction(db, async (trx) => {
        const res = await trx
          .updateTable('signing_requests')
          .set({ status: 'signed', resident_id: resident.id, result: JSON.stringify(signed), pdf: null, answered_at: now })
          .where('id', '=', row.id)
          .where('status', '=', 'pending')
          .where('expires_at', '>', now)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw conflict('request_used', 'This signing request has already been answered or has expired.');
        await audit.record(trx, { type: 'signing.approved', outcome: 'success', residentId: resident.id, clientId: row.client_id, detail: { request: row.id, certificate: signed.serial, documents: docs.map((d) => ({ name: d.name, sha256: d.sha256 })) } });
        await tellService(trx, row, 'signed');
      });
      deps.webhooks.kick();
      return { status: 'signed' as const, service: (await serviceOf(row.client_id)).name, documents: docs.length };
    },

    async decline(token: string): Promise<void> {
      const row = await byToken(token);
      assertPending(row);
      await inTransaction(db, async (trx) => {
        const res = await trx.updateTable('signing_requests').set({ status: 'declined', answered_at: Date.now() }).where('id', '=', row.id).where('status', '=', 'pending').executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw conflict('request_used', 'This signing request has already been answered.');
        await audit.record(trx, { type: 'signing.declined', outcome: 'declined', clientId: row.client_id, detail: { request: row.id } });
        await tellService(trx, row, 'declined');
      });
      deps.webhooks.kick();
    },
  };
}

export type SigningRequests = ReturnType<typeof createSigningRequests>;
