import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, type Ca } from '../../src/signing/ca.ts';
import { signCadesBT } from '../../src/signing/cades.ts';
import { createEmbeddedKeyStore, type KeyStore } from '../../src/signing/key-store.ts';
import { embedSignature, lastSignature, preparePdf } from '../../src/signing/pades.ts';
import { createTsa } from '../../src/signing/tsa.ts';
import { openTestContext, type TestContext } from '../support/context.ts';
import { samplePdf } from './support.ts';
import { pem, run, tmpDir } from './tools.ts';

/** PAdES-B-T judged by poppler's pdfsig: valid, ETSI.CAdES.detached, and invalid after one changed byte. */
describe('PAdES-B-T', () => {
  let ctx: TestContext;
  let store: KeyStore;
  let ca: Ca;
  const dir = tmpDir();

  beforeAll(async () => {
    ctx = await openTestContext();
    store = createEmbeddedKeyStore({ db: ctx.storage.db, crypto: ctx.crypto });
    ca = createCa({ db: ctx.storage.db, store, issuer: 'https://id.example.gov', serialKey: ctx.keys.lookupKey });
    fs.writeFileSync(path.join(dir, 'root.pem'), pem((await ca.chain()).root.cert.rawData));
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('signs a PDF that pdfsig reports as a valid ETSI.CAdES.detached signature, and one changed byte breaks', async () => {
    const tsa = createTsa({ ca, store });
    const id = crypto.randomUUID();
    await ctx.storage.db.insertInto('residents').values({ id, registry_ref: id, profile_enc: 'x', assurance: 'plus', status: 'active', created_at: Date.now() }).execute();
    const signer = await ca.issueResident({ residentId: id, nameEn: 'CHAN Tai Man' });
    const prepared = await preparePdf(await samplePdf(), { reason: 'Approved on the Yat wallet', location: 'Hong Kong', appName: 'Yat' });
    const cms = await signCadesBT({ store, ca, tsa }, { signer, digest: prepared.digest, pades: true });
    const signed = embedSignature(prepared.pdf, prepared.byteRange, cms);
    const file = path.join(dir, 'signed.pdf');
    fs.writeFileSync(file, signed);

    // pdfsig checks the certificate against its NSS database; it has no notion of our root, so only the signature is judged here.
    const out = run('pdfsig', [file]).out;
    expect(out).toContain('Signature is Valid.');
    expect(out).toContain('ETSI.CAdES.detached');
    expect(out).toContain('CHAN Tai Man');
    expect(out).toContain('Total document signed');

    const parsed = lastSignature(signed)!;
    expect(parsed.subFilter).toBe('ETSI.CAdES.detached');
    expect(Buffer.from(parsed.cms).equals(Buffer.from(cms))).toBe(true);

    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('Approved on the Yat wallet');
    expect(at).toBeGreaterThan(0);
    tampered[at] = 'X'.charCodeAt(0);
    fs.writeFileSync(file, tampered);
    expect(run('pdfsig', [file]).out).toMatch(/Signature is Invalid|Digest Mismatch/);
  });
});
