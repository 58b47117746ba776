import { p256 } from '@noble/curves/nist.js';
import type { Audit } from '../../audit/audit.ts';
import type { Resident, ResidentStore } from '../../identity/residents.ts';
import type { Db } from '../../storage/db.ts';
import { inTransaction } from '../../storage/transaction.ts';
import type { Ca, ResidentCertificate } from '../ca.ts';
import type { SigningEngine } from '../engine.ts';
import type { SigningRequests } from '../requests.ts';
import { OID, type CredentialDetail, type CredentialView, type CscError } from './payloads.ts';

/**
 * CSC remote signing, the flow behind the routes:
 *
 * 1. A signing application asks the provider's authorization endpoint for `scope=credential`
 *    with `authorization_details` naming the credential and the document digests. The sign-in
 *    step (csc/interaction-routes.ts) opens a signing request of kind 'csc' for exactly those
 *    digests: the resident approves it in the wallet like any signing request, so the
 *    WebAuthn challenge covers every digest (wallet-api/protocol.ts signingChallenge).
 * 2. The approved request becomes the provider grant (with the details), once; the grant id
 *    is stored with it. The access token the application gets carries the details.
 * 3. signHash with that token signs those digests and nothing else, once.
 *
 * A resident's credential is their current signing certificate; its id is the certificate's
 * serial (a new certificate after a revocation is a new credential).
 */
export class CscFailure extends Error {
  readonly status: number;
  readonly body: CscError;
  constructor(status: number, body: CscError) {
    super(body.error_description);
    this.status = status;
    this.body = body;
  }
}
export const cscError = (status: number, error: string, description: string) => new CscFailure(status, { error, error_description: description });

export type CscDeps = { db: Db; ca: Ca; engine: SigningEngine; requests: SigningRequests; residents: ResidentStore; audit: Audit };

const PLUS_REQUIRED = 'Signing needs the plus level of the digital identity. The resident can upgrade in person at a registration counter, then authorise again.';

export function createCscAuthorizations(deps: CscDeps) {
  const { db, ca, engine, requests, residents, audit } = deps;

  async function plusResident(residentId: string): Promise<Resident> {
    const r = await residents.findById(residentId);
    if (!r || r.status !== 'active') throw cscError(401, 'invalid_token', 'The digital identity behind this access token is no longer active.');
    if (r.assurance !== 'plus') throw cscError(403, 'access_denied', PLUS_REQUIRED);
    return r;
  }

  async function view(cert: ResidentCertificate): Promise<CredentialView> {
    const chain = await ca.chain();
    const status = (await ca.status(cert.serial)).status === 'revoked' ? 'revoked' : 'valid';
    return {
      credentialID: cert.serial,
      chainPem: [cert.cert, chain.issuing.cert, chain.root.cert].map((c) => c.toString('pem')),
      issuerDN: cert.cert.issuer,
      subjectDN: cert.cert.subject,
      serialNumber: cert.serial,
      validFrom: cert.cert.notBefore,
      validTo: cert.cert.notAfter,
      status,
    };
  }

  return {
    /** The resident's credentials: the current signing certificate, issued on first use (as a first signature would). */
    async list(residentId: string): Promise<CredentialView[]> {
      return [await view(await engine.certificateFor(await plusResident(residentId)))];
    },

    async info(residentId: string, credentialID: string): Promise<CredentialView> {
      await plusResident(residentId);
      const current = await ca.currentFor(residentId);
      if (!current || current.serial !== credentialID.toLowerCase()) throw cscError(400, 'invalid_request', 'Invalid parameter credentialID: no such credential of this resident (list the credentials again).');
      return view(current);
    },

    /** The signing request for this interaction (opened once, reused on reload), for the page to show. */
    async open(input: { interactionUid: string; clientId: string; details: CredentialDetail[] }) {
      const existing = await db.selectFrom('signing_requests').select(['id', 'verification_code', 'expires_at', 'status']).where('interaction_uid', '=', input.interactionUid).where('kind', '=', 'csc').orderBy('created_at', 'desc').executeTakeFirst();
      if (existing && Number(existing.expires_at) > Date.now() && existing.status !== 'declined') {
        return { id: existing.id, url: requests.urlFor(existing.id), verification_code: existing.verification_code, expires_at: new Date(Number(existing.expires_at)).toISOString() };
      }
      const documents = input.details.flatMap((d) => d.documentDigests.map((g, i) => ({ name: g.label ?? `Document ${i + 1}`, sha256: g.hash })));
      // A credential authorization lives as long as the sign-in step around it (five minutes is plenty to approve).
      return requests.create(input.clientId, { documents, kind: 'csc', interactionUid: input.interactionUid, expiresIn: 600 });
    },

    /** Where the resident is with this interaction's authorization. */
    async state(interactionUid: string): Promise<{ id: string; status: string; residentId: string | null } | undefined> {
      const row = await db.selectFrom('signing_requests').select(['id', 'status', 'expires_at', 'resident_id']).where('interaction_uid', '=', interactionUid).where('kind', '=', 'csc').orderBy('created_at', 'desc').executeTakeFirst();
      if (!row) return undefined;
      const expired = row.status === 'pending' && Number(row.expires_at) <= Date.now();
      return { id: row.id, status: expired ? 'expired' : row.status, residentId: row.resident_id };
    },

    /** The approved authorization becomes this provider grant, once (a second tab or a replay gets false). */
    async linkGrant(id: string, grantId: string): Promise<boolean> {
      const res = await db.updateTable('signing_requests').set({ status: 'granted', grant_id: grantId }).where('id', '=', id).where('status', '=', 'authorized').executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    /**
     * signHash: the token's grant names the authorised request; the hashes must be exactly its
     * digests, signed once. Signatures are DER ECDSA over each digest with the resident's key.
     */
    async signHash(token: { grantId: string; accountId: string; clientId: string; details: CredentialDetail[] }, input: { credentialID: string; hashes: string[]; signAlgo: string; hashAlgorithmOID?: string }): Promise<string[]> {
      if (input.signAlgo !== OID.ecdsaWithSha256 && input.signAlgo !== OID.ecPublicKey) throw cscError(400, 'invalid_request', `Invalid parameter signAlgo: this credential signs with ECDSA with SHA-256 (${OID.ecdsaWithSha256}).`);
      if (input.hashAlgorithmOID && input.hashAlgorithmOID !== OID.sha256) throw cscError(400, 'invalid_request', `Invalid parameter hashAlgorithmOID: only SHA-256 (${OID.sha256}) is supported.`);
      if (!token.details.some((d) => d.credentialID.toLowerCase() === input.credentialID.toLowerCase())) throw cscError(400, 'invalid_request', 'Invalid parameter credentialID: the access token does not authorise this credential.');
      const resident = await plusResident(token.accountId);
      const row = await db.selectFrom('signing_requests').selectAll().where('grant_id', '=', token.grantId).where('kind', '=', 'csc').executeTakeFirst();
      if (!row || row.client_id !== token.clientId) throw cscError(401, 'invalid_token', 'The access token does not carry a credential authorization.');
      if (row.status === 'signed') throw cscError(400, 'invalid_request', 'The credential authorization was already used: authorise the next hashes again.');
      const authorised = (JSON.parse(row.documents) as Array<{ sha256: string }>).map((d) => d.sha256);
      const same = input.hashes.length === authorised.length && input.hashes.every((h) => authorised.includes(h)) && authorised.every((h) => input.hashes.includes(h));
      if (!same) throw cscError(400, 'invalid_request', 'Invalid parameter hashes: the hashes are not the ones the resident approved for this access token.');
      const cert = await ca.currentFor(resident.id);
      if (!cert || cert.serial !== input.credentialID.toLowerCase()) throw cscError(400, 'invalid_request', 'Invalid parameter credentialID: the credential is no longer valid (revoked or renewed); list the credentials again.');
      // Signed before the transaction (slow crypto); a lost race discards them.
      const signatures: string[] = [];
      for (const h of input.hashes) {
        const raw = await engine.store.signDigest(cert.keyId, Buffer.from(h, 'base64'));
        signatures.push(Buffer.from(p256.Signature.fromBytes(raw, 'compact').toBytes('der')).toString('base64'));
      }
      await inTransaction(db, async (trx) => {
        const res = await trx.updateTable('signing_requests').set({ status: 'signed', answered_at: Date.now() }).where('id', '=', row.id).where('status', '=', 'granted').executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw cscError(400, 'invalid_request', 'The credential authorization was already used: authorise the next hashes again.');
        await audit.record(trx, { type: 'signing.approved', outcome: 'success', residentId: resident.id, clientId: row.client_id, detail: { request: row.id, certificate: cert.serial, via: 'csc', documents: input.hashes.map((sha256) => ({ sha256 })) } });
      });
      return signatures;
    },
  };
}

export type CscAuthorizations = ReturnType<typeof createCscAuthorizations>;
