import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, type Ca } from '../../src/signing/ca.ts';
import { signCadesBT } from '../../src/signing/cades.ts';
import { createEmbeddedKeyStore, type KeyStore } from '../../src/signing/key-store.ts';
import { createPkcs11KeyStore } from '../../src/signing/pkcs11-store.ts';
import { createTsa } from '../../src/signing/tsa.ts';
import { openTestContext, type TestContext } from '../support/context.ts';
import { softHsmToken } from './softhsm.ts';
import { pem, run, tmpDir } from './tools.ts';

/**
 * The CA, the timestamp authority and CAdES-B-T signatures, judged by OpenSSL: the chain
 * verifies, a signature over a document verifies with `openssl cms -verify`, its timestamp
 * with `openssl ts -verify`, one changed byte fails, and a revoked certificate is on the CRL.
 * Run with the embedded key store and with SoftHSM2 through PKCS#11.
 */
async function residentOf(ctx: TestContext, id = crypto.randomUUID()): Promise<string> {
  await ctx.storage.db.insertInto('residents').values({ id, registry_ref: `ref-${id}`, profile_enc: 'x', assurance: 'plus', status: 'active', created_at: Date.now() }).execute();
  return id;
}

for (const kind of ['embedded', 'pkcs11'] as const) {
  describe(`signing CA and CAdES-B-T (${kind} key store)`, () => {
    let ctx: TestContext;
    let store: KeyStore;
    let ca: Ca;
    let tsa: ReturnType<typeof createTsa>;
    const dir = tmpDir();

    beforeAll(async () => {
      ctx = await openTestContext();
      if (kind === 'pkcs11') {
        const token = softHsmToken();
        store = createPkcs11KeyStore({ db: ctx.storage.db, options: { module: token.module, tokenLabel: token.label, pin: token.pin } });
      } else {
        store = createEmbeddedKeyStore({ db: ctx.storage.db, crypto: ctx.crypto });
      }
      ca = createCa({ db: ctx.storage.db, store, issuer: 'https://id.example.gov', serialKey: ctx.keys.lookupKey });
      tsa = createTsa({ ca, store });
      const chain = await ca.chain();
      fs.writeFileSync(path.join(dir, 'root.pem'), pem(chain.root.cert.rawData));
      fs.writeFileSync(path.join(dir, 'issuing.pem'), pem(chain.issuing.cert.rawData));
    });
    afterAll(async () => {
      await store?.close();
      await ctx?.close();
    });

    it('keeps private keys in the store: wrapped by the data key, or absent from the database with PKCS#11', async () => {
      const rows = await ctx.storage.db.selectFrom('signing_keys').selectAll().execute();
      expect(rows.map((r) => r.purpose).sort()).toEqual(['ca-issuing', 'ca-root', 'tsa'].map((p) => (p === 'tsa' ? 'ca-tsa' : p)).sort());
      for (const r of rows) {
        expect(r.store).toBe(kind);
        if (kind === 'pkcs11') expect(r.wrapped).toBeNull();
        else expect(r.wrapped).toMatch(/^k1\./);
      }
    });

    it('issues a resident certificate that chains to the root, with the English name, a platform serial and non-repudiation', async () => {
      const residentId = await residentOf(ctx);
      const issued = await ca.issueResident({ residentId, nameEn: 'CHAN Tai Man' });
      const certFile = path.join(dir, 'resident.pem');
      fs.writeFileSync(certFile, pem(issued.cert.rawData));
      const verified = run('openssl', ['verify', '-CAfile', path.join(dir, 'root.pem'), '-untrusted', path.join(dir, 'issuing.pem'), certFile]);
      expect(verified.out).toContain(': OK');
      const text = run('openssl', ['x509', '-in', certFile, '-noout', '-text']).out;
      expect(text).toMatch(/CN ?= ?CHAN Tai Man/);
      expect(text).toMatch(/serialNumber ?= ?YAT-[0-9A-F]{20}/);
      expect(text).toContain('Digital Signature, Non Repudiation');
      expect(text).toContain('URI:https://id.example.gov/signing/crl/issuing.crl');
      expect(issued.cert.subject).not.toMatch(/A123456/);
    });

    it('signs a document as CAdES-B-T that openssl cms -verify accepts, with a timestamp openssl ts -verify accepts', async () => {
      const residentId = await residentOf(ctx);
      const signer = await ca.issueResident({ residentId, nameEn: 'WONG Siu Ming' });
      const doc = Buffer.from(`Tenancy agreement ${crypto.randomUUID()}\n`);
      const docFile = path.join(dir, `doc-${kind}.txt`);
      fs.writeFileSync(docFile, doc);
      const cms = await signCadesBT({ store, ca, tsa }, { signer, digest: crypto.createHash('sha256').update(doc).digest() });
      const sigFile = path.join(dir, `doc-${kind}.p7s`);
      fs.writeFileSync(sigFile, cms);

      const ok = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', sigFile, '-content', docFile, '-CAfile', path.join(dir, 'root.pem'), '-purpose', 'any', '-out', '/dev/null']);
      expect(ok.out).toContain('Verification successful');

      const printed = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', sigFile]).out;
      expect(printed).toContain('id-smime-aa-signingCertificateV2');
      expect(printed).toContain('id-smime-aa-timeStampToken');

      // The timestamp token covers the signature value; openssl checks it against that digest.
      const { tokenDer, signatureValue } = await extractTimestamp(cms);
      const tokenFile = path.join(dir, `token-${kind}.der`);
      fs.writeFileSync(tokenFile, tokenDer);
      const ts = run('openssl', ['ts', '-verify', '-token_in', '-in', tokenFile, '-digest', crypto.createHash('sha256').update(signatureValue).digest('hex'), '-CAfile', path.join(dir, 'root.pem'), '-untrusted', path.join(dir, 'issuing.pem')]);
      expect(ts.out).toContain('Verification: OK');

      const tampered = Buffer.from(doc);
      tampered[0] = tampered[0]! ^ 1;
      fs.writeFileSync(docFile, tampered);
      const bad = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', sigFile, '-content', docFile, '-CAfile', path.join(dir, 'root.pem'), '-purpose', 'any', '-out', '/dev/null']);
      expect(bad.code).not.toBe(0);
      expect(bad.out).toMatch(/digest failure|Verification failure/);
    });

    it('answers RFC 3161 requests made by openssl ts -query', async () => {
      const data = path.join(dir, 'data.bin');
      fs.writeFileSync(data, crypto.randomBytes(100));
      const query = path.join(dir, 'q.tsq');
      run('openssl', ['ts', '-query', '-data', data, '-sha256', '-cert', '-out', query]);
      const resp = await tsa.respond(fs.readFileSync(query));
      const respFile = path.join(dir, 'r.tsr');
      fs.writeFileSync(respFile, resp);
      const v = run('openssl', ['ts', '-verify', '-in', respFile, '-queryfile', query, '-CAfile', path.join(dir, 'root.pem'), '-untrusted', path.join(dir, 'issuing.pem')]);
      expect(v.out).toContain('Verification: OK');
      const bad = await tsa.respond(Buffer.from('not a request'));
      fs.writeFileSync(respFile, bad);
      expect(run('openssl', ['ts', '-reply', '-in', respFile, '-text']).out).toMatch(/Status: Rejected/);
    });

    it('publishes revoked certificates on a CRL signed by the issuing CA', async () => {
      const residentId = await residentOf(ctx);
      const issued = await ca.issueResident({ residentId, nameEn: 'LEE Ka Yan' });
      expect((await ca.status(issued.serial)).status).toBe('valid');
      expect(await ca.revokeResident(ctx.storage.db, residentId, 'keyCompromise')).toEqual([issued.serial]);
      expect((await ca.status(issued.serial)).status).toBe('revoked');
      const crlFile = path.join(dir, `issuing-${kind}.crl`);
      fs.writeFileSync(crlFile, await ca.crl());
      const crl = run('openssl', ['crl', '-inform', 'DER', '-in', crlFile, '-noout', '-text', '-CAfile', path.join(dir, 'issuing.pem')]);
      expect(crl.out).toContain('verify OK');
      expect(crl.out.toLowerCase()).toContain(issued.serial.toUpperCase().toLowerCase());
      fs.writeFileSync(path.join(dir, 'revoked.pem'), pem(issued.cert.rawData));
      fs.writeFileSync(path.join(dir, 'crl.pem'), pem(await ca.crl(), 'X509 CRL'));
      const v = run('openssl', ['verify', '-crl_check', '-CAfile', path.join(dir, 'root.pem'), '-untrusted', path.join(dir, 'issuing.pem'), '-CRLfile', path.join(dir, 'crl.pem'), path.join(dir, 'revoked.pem')]);
      expect(v.out).toContain('certificate revoked');
    });
  });
}

async function extractTimestamp(cms: Uint8Array): Promise<{ tokenDer: Uint8Array; signatureValue: Uint8Array }> {
  const pkijs = await import('pkijs');
  const ci = pkijs.ContentInfo.fromBER(cms.slice().buffer);
  const sd = new pkijs.SignedData({ schema: ci.content });
  const si = sd.signerInfos[0]!;
  const attr = si.unsignedAttrs!.attributes.find((a) => a.type === '1.2.840.113549.1.9.16.2.14')!;
  return { tokenDer: new Uint8Array(attr.values[0].toBER(false)), signatureValue: new Uint8Array(si.signature.valueBlock.valueHexView) };
}
