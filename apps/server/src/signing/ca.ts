import 'reflect-metadata'; // @peculiar/x509's dependency injection (tsyringe) needs it loaded first
import crypto from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { Db } from '../storage/db.ts';
import { EC_ALGORITHM, type KeyStore } from './key-store.ts';
import { storeCrypto, storeKey } from './store-crypto.ts';

/**
 * The platform's certificate authority: a root, an issuing CA that signs residents' signing
 * certificates and the CRL, and the timestamp authority's certificate. All three are made on
 * first start (their keys in the key store) and kept in `signing_ca`; a second instance that
 * races the first adopts whichever row was written first.
 *
 * A resident's certificate names the resident by English name and a platform serial (a keyed
 * hash of the resident's id — stable, unique, and never the identity number).
 */
const SIG = { name: 'ECDSA', hash: 'SHA-256' } as const;
const YEAR = 365 * 24 * 3600_000;
const ORG = 'Yat Digital Identity';

export type CaRole = 'root' | 'issuing' | 'tsa';
export type CaCert = { cert: x509.X509Certificate; keyId: string };
export type Chain = Record<CaRole, CaCert>;
export type ResidentCertificate = { serial: string; keyId: string; cert: x509.X509Certificate };
export type RevocationReason = 'keyCompromise' | 'affiliationChanged' | 'superseded' | 'cessationOfOperation' | 'unspecified';

/** A positive 128-bit serial, as lower-case hex without a leading zero byte. */
export const randomSerial = (): string => {
  const b = crypto.randomBytes(16);
  b[0] = (b[0]! & 0x7f) | 0x10;
  return b.toString('hex');
};

const spkiKey = (spki: Uint8Array) => globalThis.crypto.subtle.importKey('spki', spki as Uint8Array<ArrayBuffer>, EC_ALGORITHM, true, ['verify']);
const der = (cert: x509.X509Certificate) => Buffer.from(cert.rawData).toString('base64');

export function createCa(deps: { db: Db; store: KeyStore; issuer: string; serialKey: string }) {
  const { db, store, issuer } = deps;
  const cryptoImpl = storeCrypto(store);
  const crlUrl = `${issuer}/signing/crl/issuing.crl`;
  let chain: Promise<Chain> | undefined;
  let crlCache: { at: number; der: Uint8Array } | undefined;

  async function make(role: CaRole, parent: CaCert | undefined): Promise<CaCert> {
    const { id, spki } = await store.generate(`ca-${role}`);
    const publicKey = await spkiKey(spki);
    const now = Date.now();
    const subject = { root: `CN=Yat Root CA, O=${ORG}`, issuing: `CN=Yat Signing CA 1, O=${ORG}`, tsa: `CN=Yat Time-Stamping Authority, O=${ORG}` }[role];
    const ski = await x509.SubjectKeyIdentifierExtension.create(publicKey, false, cryptoImpl);
    const extensions: x509.Extension[] = [ski];
    if (role === 'root') {
      extensions.push(new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true));
    } else if (role === 'issuing') {
      extensions.push(new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true));
    } else {
      // RFC 3161 §2.3: a TSA certificate has exactly the timeStamping extended key usage, critical.
      extensions.push(
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true),
      );
    }
    if (parent) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(parent.cert, false, cryptoImpl));
    const cert = await x509.X509CertificateGenerator.create(
      {
        serialNumber: randomSerial(),
        subject,
        issuer: parent ? parent.cert.subject : subject,
        notBefore: new Date(now - 60_000),
        notAfter: new Date(now + (role === 'root' ? 20 : 10) * YEAR),
        signingAlgorithm: SIG,
        publicKey,
        signingKey: storeKey(parent ? parent.keyId : id),
        extensions,
      },
      cryptoImpl,
    );
    const inserted = await db
      .insertInto('signing_ca')
      .values({ role, key_id: id, certificate: der(cert), created_at: now })
      .onConflict((oc) => oc.column('role').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 1) === 1) return { cert, keyId: id };
    return (await read(role))!;
  }

  async function read(role: CaRole): Promise<CaCert | undefined> {
    const row = await db.selectFrom('signing_ca').selectAll().where('role', '=', role).executeTakeFirst();
    return row ? { cert: new x509.X509Certificate(Buffer.from(row.certificate, 'base64')), keyId: row.key_id } : undefined;
  }

  async function load(): Promise<Chain> {
    const root = (await read('root')) ?? (await make('root', undefined));
    const issuing = (await read('issuing')) ?? (await make('issuing', root));
    const tsa = (await read('tsa')) ?? (await make('tsa', issuing));
    return { root, issuing, tsa };
  }

  const getChain = (): Promise<Chain> => {
    if (!chain) {
      chain = load();
      chain.catch(() => (chain = undefined));
    }
    return chain;
  };

  const subjectSerial = (residentId: string) => `YAT-${crypto.createHmac('sha256', deps.serialKey).update(`signing-subject\n${residentId}`).digest('hex').slice(0, 20).toUpperCase()}`;

  return {
    crlUrl,
    chain: getChain,
    cryptoImpl,
    subjectSerial,

    /** A new signing key and certificate for a resident (2 years, non-repudiation + digitalSignature). */
    async issueResident(input: { residentId: string; nameEn: string }): Promise<ResidentCertificate> {
      const { issuing } = await getChain();
      const { id, spki } = await store.generate('resident');
      const publicKey = await spkiKey(spki);
      const now = Date.now();
      const serial = randomSerial();
      const cert = await x509.X509CertificateGenerator.create(
        {
          serialNumber: serial,
          subject: [{ CN: [input.nameEn] }, { '2.5.4.5': [subjectSerial(input.residentId)] }, { O: ['Yat resident'] }],
          issuer: issuing.cert.subject,
          notBefore: new Date(now - 60_000),
          notAfter: new Date(now + 2 * YEAR),
          signingAlgorithm: SIG,
          publicKey,
          signingKey: storeKey(issuing.keyId),
          extensions: [
            new x509.BasicConstraintsExtension(false, undefined, true),
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
            await x509.SubjectKeyIdentifierExtension.create(publicKey, false, cryptoImpl),
            await x509.AuthorityKeyIdentifierExtension.create(issuing.cert, false, cryptoImpl),
            new x509.CRLDistributionPointsExtension([crlUrl]),
          ],
        },
        cryptoImpl,
      );
      await db
        .insertInto('signing_certificates')
        .values({ serial, resident_id: input.residentId, key_id: id, certificate: der(cert), status: 'valid', not_after: cert.notAfter.getTime(), revoked_at: null, revocation_reason: null, created_at: now })
        .execute();
      return { serial, keyId: id, cert };
    },

    /** The resident's current certificate (valid, not expired), if any. */
    async currentFor(residentId: string): Promise<ResidentCertificate | undefined> {
      const row = await db
        .selectFrom('signing_certificates')
        .selectAll()
        .where('resident_id', '=', residentId)
        .where('status', '=', 'valid')
        .where('not_after', '>', Date.now() + 24 * 3600_000)
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      return row ? { serial: row.serial, keyId: row.key_id, cert: new x509.X509Certificate(Buffer.from(row.certificate, 'base64')) } : undefined;
    },

    /** Revokes every valid certificate of a resident (lost phone, operator action); returns the serials. */
    async revokeResident(exec: Db, residentId: string, reason: RevocationReason): Promise<string[]> {
      const rows = await exec.selectFrom('signing_certificates').select('serial').where('resident_id', '=', residentId).where('status', '=', 'valid').execute();
      if (!rows.length) return [];
      await exec.updateTable('signing_certificates').set({ status: 'revoked', revoked_at: Date.now(), revocation_reason: reason }).where('resident_id', '=', residentId).where('status', '=', 'valid').execute();
      crlCache = undefined;
      return rows.map((r) => r.serial);
    },

    /** Status of a certificate this CA issued: valid, revoked (when, why), or unknown. */
    async status(serial: string): Promise<{ status: 'valid' | 'revoked' | 'unknown'; revokedAt?: number; reason?: string }> {
      const row = await db.selectFrom('signing_certificates').select(['status', 'revoked_at', 'revocation_reason']).where('serial', '=', serial.toLowerCase()).executeTakeFirst();
      if (!row) return { status: 'unknown' };
      return row.status === 'revoked' ? { status: 'revoked', revokedAt: Number(row.revoked_at), reason: row.revocation_reason ?? 'unspecified' } : { status: 'valid' };
    },

    /** The issuing CA's CRL (DER), rebuilt at most once a minute or after a revocation; valid for a day. */
    async crl(): Promise<Uint8Array> {
      if (crlCache && Date.now() - crlCache.at < 60_000) return crlCache.der;
      const { issuing } = await getChain();
      const revoked = await db.selectFrom('signing_certificates').select(['serial', 'revoked_at', 'revocation_reason']).where('status', '=', 'revoked').execute();
      const now = new Date();
      const crl = await x509.X509CrlGenerator.create(
        {
          issuer: issuing.cert.subject,
          thisUpdate: now,
          nextUpdate: new Date(now.getTime() + 24 * 3600_000),
          signingAlgorithm: SIG,
          signingKey: storeKey(issuing.keyId),
          extensions: [await x509.AuthorityKeyIdentifierExtension.create(issuing.cert, false, cryptoImpl)],
          entries: revoked.map((r) => ({
            serialNumber: r.serial,
            revocationDate: new Date(Number(r.revoked_at)),
            reason: x509.X509CrlReason[(r.revocation_reason ?? 'unspecified') as keyof typeof x509.X509CrlReason] ?? x509.X509CrlReason.unspecified,
          })),
        },
        cryptoImpl,
      );
      crlCache = { at: Date.now(), der: new Uint8Array(crl.rawData) };
      return crlCache.der;
    },
  };
}

export type Ca = ReturnType<typeof createCa>;
