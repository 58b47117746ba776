import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveSigning, describeSigning, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { getAssertion } from '../../../../packages/cli/src/wallet/authenticator.ts';
import { demoResidents } from '../../src/identity/synthetic-registry.ts';
import { signingChallenge } from '../../src/wallet-api/protocol.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { samplePdf, signingService, walletFor } from './support.ts';
import { pem, run, tmpDir } from './tools.ts';

/**
 * The signing API end to end over HTTP: a service asks, a plus resident's wallet approves,
 * the service collects CAdES-B-T signatures (checked by openssl) or a PAdES-B-T PDF (checked
 * by pdfsig). And the refusals: no plus level, another request's approval, expiry, no scope.
 */
const sha = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest('base64');

describe('signing API', () => {
  let p: Platform;
  let svc: Awaited<ReturnType<typeof signingService>>;
  let plus: WalletState;
  let standard: WalletState;
  const dir = tmpDir();
  const verifyApi = async (body: unknown) => {
    const res = await fetch(`${p.issuer}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as any };
  };
  let signedDoc: { doc: Buffer; signature: string } | undefined;
  let signedPdf: Buffer | undefined;
  // The software authenticator's counter moves on with every assertion: keep the wallet's state.
  const approve = async (url: string, opts: { expectCode?: string } = {}) => {
    const r = await approveSigning(plus, url, opts);
    plus = r.state;
    return r;
  };

  beforeAll(async () => {
    p = await startPlatform();
    svc = await signingService(p);
    plus = await walletFor(p, demoResidents[0]!, { plus: true });
    standard = await walletFor(p, demoResidents[1]!, { plus: false });
    fs.writeFileSync(path.join(dir, 'root.pem'), await (await fetch(`${p.issuer}/signing/ca/root.pem`)).text());
    fs.writeFileSync(path.join(dir, 'issuing.pem'), await (await fetch(`${p.issuer}/signing/ca/issuing.pem`)).text());
  });
  afterAll(async () => {
    await p?.close();
  });

  it('signs documents by digest: the wallet sees names, fingerprints and the code; openssl verifies each signature and its timestamp', async () => {
    const docs = [Buffer.from('Tenancy agreement, Flat A, 12/F\n'), Buffer.from('Inventory of fixtures\n')];
    const created = await svc.call('POST', '/api/signing/requests', { documents: [{ name: 'tenancy.txt', sha256: sha(docs[0]!) }, { name: 'inventory.txt', sha256: sha(docs[1]!) }] });
    expect(created.status).toBe(201);
    expect(created.json.url).toMatch(new RegExp(`^${p.issuer}/wallet/sign#[A-Za-z0-9_-]{43}$`));
    expect(created.json.verification_code).toMatch(/^\d{4}$/);
    expect(Date.parse(created.json.expires_at) - Date.now()).toBeLessThanOrEqual(18 * 60_000);

    const view = await describeSigning(plus, created.json.url);
    expect(view.service.name).toBe('Housing Authority e-Tenancy');
    expect(view.verificationCode).toBe(created.json.verification_code);
    expect(view.documents.map((d) => d.name)).toEqual(['tenancy.txt', 'inventory.txt']);
    expect(view.documents[0]!.fingerprint).toBe(crypto.createHash('sha256').update(docs[0]!).digest('hex').toUpperCase().match(/.{2}/g)!.join(':'));

    expect((await svc.call('GET', `/api/signing/requests/${created.json.id}`)).json.status).toBe('pending');
    const { result } = await approve(created.json.url, { expectCode: created.json.verification_code });
    expect(result.status).toBe('signed');

    const done = await svc.call('GET', `/api/signing/requests/${created.json.id}`);
    expect(done.json.status).toBe('signed');
    expect(done.json.certificate_chain).toContain('BEGIN CERTIFICATE');
    for (const [i, d] of done.json.documents.entries()) {
      const docFile = path.join(dir, `doc${i}`);
      const sigFile = path.join(dir, `doc${i}.p7s`);
      fs.writeFileSync(docFile, docs[i]!);
      fs.writeFileSync(sigFile, Buffer.from(d.signature, 'base64'));
      const v = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', sigFile, '-content', docFile, '-CAfile', path.join(dir, 'root.pem'), '-purpose', 'any', '-out', '/dev/null']);
      expect(v.out).toContain('Verification successful');
    }
    signedDoc = { doc: docs[0]!, signature: done.json.documents[0].signature };
    const signer = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', path.join(dir, 'doc0.p7s')]).out;
    expect(signer).toMatch(/CN ?= ?CHAN Tai Man/);
    expect(signer).not.toContain(demoResidents[0]!.idNumber);
    // Answered once: a second approval is refused.
    await expect(approve(created.json.url)).rejects.toMatchObject({ code: 'request_used' });
  });

  it('refuses a standard-level resident with how to upgrade (403)', async () => {
    const created = await svc.call('POST', '/api/signing/requests', { documents: [{ name: 'form.pdf', sha256: sha('x') }] });
    const err = await approveSigning(standard, created.json.url).catch((e: unknown) => e as { code: string; message: string });
    expect(err).toMatchObject({ code: 'plus_required' });
    expect((err as { message: string }).message).toMatch(/registration counter/);
    const res = await fetch(`${p.issuer}/api/wallet/signing-requests/${new URL(created.json.url).hash.slice(1)}/approve`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
    expect((await svc.call('GET', `/api/signing/requests/${created.json.id}`)).json.status).toBe('pending');
  });

  it("cannot sign request B's digests with request A's approval", async () => {
    const a = await svc.call('POST', '/api/signing/requests', { documents: [{ name: 'harmless.txt', sha256: sha('harmless') }] });
    const b = await svc.call('POST', '/api/signing/requests', { documents: [{ name: 'harmless.txt', sha256: sha('transfer my flat') }] });
    const viewA = await describeSigning(plus, a.json.url);
    const signedForA = getAssertion({ rpId: plus.rpId, origin: plus.server, challenge: signingChallenge(viewA.nonce, viewA.documents), credential: plus.credential });
    plus = { ...plus, credential: signedForA.credential };
    const res = await fetch(`${p.issuer}/api/wallet/signing-requests/${new URL(b.json.url).hash.slice(1)}/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credential: signedForA.response }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_assertion');
    expect((await svc.call('GET', `/api/signing/requests/${b.json.id}`)).json.status).toBe('pending');
    // The same approval still signs A, the documents it was made for.
    const ok = await fetch(`${p.issuer}/api/wallet/signing-requests/${new URL(a.json.url).hash.slice(1)}/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credential: signedForA.response }),
    });
    expect(ok.status).toBe(200);
  });

  it('fails an expired request cleanly (410), and the service sees "expired"', async () => {
    const created = await svc.call('POST', '/api/signing/requests', { documents: [{ name: 'late.txt', sha256: sha('late') }], expires_in: 60 });
    await p.ctx.storage.db.updateTable('signing_requests').set({ expires_at: Date.now() - 1000 }).where('id', '=', created.json.id).execute();
    await expect(approve(created.json.url)).rejects.toMatchObject({ code: 'request_expired' });
    expect((await svc.call('GET', `/api/signing/requests/${created.json.id}`)).json.status).toBe('expired');
  });

  it('signs an uploaded PDF as PAdES-B-T that pdfsig accepts', async () => {
    const pdf = Buffer.from(await samplePdf('Tenancy agreement'));
    const created = await svc.call('POST', '/api/signing/requests', { pdf: { name: 'tenancy.pdf', data: pdf.toString('base64') } });
    expect(created.status).toBe(201);
    const view = await describeSigning(plus, created.json.url);
    expect(view.documents).toHaveLength(1);
    expect(view.documents[0]!.kind).toBe('pdf');
    await approve(created.json.url);
    const done = await svc.call('GET', `/api/signing/requests/${created.json.id}`);
    const file = path.join(dir, 'tenancy-signed.pdf');
    signedPdf = Buffer.from(done.json.documents[0].signed_pdf, 'base64');
    fs.writeFileSync(file, signedPdf);
    const out = run('pdfsig', [file]).out;
    expect(out).toContain('Signature is Valid.');
    expect(out).toContain('ETSI.CAdES.detached');
    expect(out).toContain('CHAN Tai Man');
  });

  it('refuses callers without a signing token, bad bodies and non-JSON, with {error, message}', async () => {
    const anon = await fetch(`${p.issuer}/api/signing/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(anon.status).toBe(401);
    expect(anon.headers.get('www-authenticate')).toContain('Bearer');
    const noScope = await signingService(p, { scope: 'openid', tokenScope: '' });
    const r = await noScope.call('POST', '/api/signing/requests', { documents: [{ name: 'a', sha256: sha('a') }] });
    expect(r.status).toBe(403);
    expect(r.json.error).toBe('insufficient_scope');
    for (const body of [{}, { documents: [] }, { documents: [{ name: 'a', sha256: 'short' }] }, { documents: [{ name: 'a', sha256: sha('a') }], pdf: { name: 'x', data: 'AA==' } }, { pdf: { name: 'x.pdf', data: 'AAAA' } }]) {
      const bad = await svc.call('POST', '/api/signing/requests', body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.json).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    }
    const form = await svc.call('POST', '/api/signing/requests', 'documents=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect((await svc.call('GET', '/api/signing/requests/not-an-id')).status).toBe(404);
    const other = await signingService(p, { name: 'Another service' });
    const mine = await svc.call('POST', '/api/signing/requests', { documents: [{ name: 'a', sha256: sha('a') }] });
    expect((await other.call('GET', `/api/signing/requests/${mine.json.id}`)).status).toBe(404);
  });

  it('serves the CRL at its stable URL and an RFC 3161 TSA at /tsa', async () => {
    const crl = await fetch(`${p.issuer}/signing/crl/issuing.crl`);
    expect(crl.headers.get('content-type')).toBe('application/pkix-crl');
    fs.writeFileSync(path.join(dir, 'i.crl'), Buffer.from(await crl.arrayBuffer()));
    expect(run('openssl', ['crl', '-inform', 'DER', '-in', path.join(dir, 'i.crl'), '-noout', '-CAfile', path.join(dir, 'issuing.pem')]).out).toContain('verify OK');

    fs.writeFileSync(path.join(dir, 'data'), crypto.randomBytes(64));
    run('openssl', ['ts', '-query', '-data', path.join(dir, 'data'), '-sha256', '-cert', '-out', path.join(dir, 'q.tsq')]);
    const resp = await fetch(`${p.issuer}/tsa`, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: fs.readFileSync(path.join(dir, 'q.tsq')) });
    expect(resp.headers.get('content-type')).toBe('application/timestamp-reply');
    fs.writeFileSync(path.join(dir, 'r.tsr'), Buffer.from(await resp.arrayBuffer()));
    const v = run('openssl', ['ts', '-verify', '-in', path.join(dir, 'r.tsr'), '-queryfile', path.join(dir, 'q.tsq'), '-CAfile', path.join(dir, 'root.pem'), '-untrusted', path.join(dir, 'issuing.pem')]);
    expect(v.out).toContain('Verification: OK');
    expect((await fetch(`${p.issuer}/tsa`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' })).status).toBe(415);
    void pem;
  });

  it('verifies publicly: valid signatures, a changed byte, and (last) a revoked certificate', async () => {
    const ok = await verifyApi({ signature: signedDoc!.signature, document: signedDoc!.doc.toString('base64') });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ valid: true, format: 'CAdES', signer: { name: 'CHAN Tai Man' }, certificate: { status: 'valid' }, timestamp: { valid: true } });
    expect(Date.parse(ok.json.signingTime)).toBeGreaterThan(Date.now() - 600_000);

    const changed = Buffer.from(signedDoc!.doc);
    changed[3] = changed[3]! ^ 0x20;
    expect((await verifyApi({ signature: signedDoc!.signature, document: changed.toString('base64') })).json).toMatchObject({ valid: false, problem: 'document_changed' });

    expect((await verifyApi({ pdf: signedPdf!.toString('base64') })).json).toMatchObject({ valid: true, format: 'PAdES', signer: { name: 'CHAN Tai Man' } });
    const tamperedPdf = Buffer.from(signedPdf!);
    const at = tamperedPdf.indexOf('Signed for');
    tamperedPdf[at] = 'Z'.charCodeAt(0);
    const file = path.join(dir, 'tampered.pdf');
    fs.writeFileSync(file, tamperedPdf);
    expect(run('pdfsig', [file]).out).toMatch(/Signature is Invalid|Digest Mismatch/);
    expect((await verifyApi({ pdf: tamperedPdf.toString('base64') })).json).toMatchObject({ valid: false, problem: 'document_changed' });

    expect((await verifyApi({ pdf: Buffer.from('%PDF-1.7 nothing').toString('base64') })).json).toMatchObject({ valid: false, problem: 'no_signature_in_pdf' });
    expect((await verifyApi({ signature: 'AAAA', document: 'AAAA' })).json).toMatchObject({ valid: false, problem: 'not_a_signature' });
    expect((await verifyApi({ nonsense: true })).status).toBe(400);

    // The page, without JavaScript: a multipart form with its token.
    const form = await fetch(`${p.issuer}/verify?lang=zh-Hant`);
    const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const post = async (parts: Record<string, Blob | string>, withCookie = true) => {
      const body = new FormData();
      for (const [k, v] of Object.entries(parts)) {
        if (typeof v === 'string') body.append(k, v);
        else body.append(k, v, `${k}.bin`);
      }
      const res = await fetch(`${p.issuer}/verify?lang=zh-Hant`, { method: 'POST', body, headers: withCookie ? { cookie } : {} });
      return { status: res.status, text: await res.text() };
    };
    const page = await post({ csrf, signature: new Blob([new Uint8Array(signedPdf!)]) });
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-verify-result="valid"');
    expect(page.text).toContain('簽署有效');
    expect((await post({ csrf, signature: new Blob([new Uint8Array(tamperedPdf)]) })).text).toContain('data-verify-result="invalid"');
    expect((await post({ csrf, signature: new Blob([new Uint8Array(signedPdf!)]) }, false)).status).toBe(403);

    const resident = plus.residentId;
    expect(await p.app.signing.revoke(resident, 'keyCompromise')).toHaveLength(1);
    const revoked = await verifyApi({ signature: signedDoc!.signature, document: signedDoc!.doc.toString('base64') });
    expect(revoked.json).toMatchObject({ valid: false, problem: 'revoked', certificate: { status: 'revoked', reason: 'keyCompromise' } });
    expect((await post({ csrf, signature: new Blob([new Uint8Array(signedPdf!)]) })).text).toContain('data-certificate-status="revoked"');
    const crl = path.join(dir, 'after.crl');
    fs.writeFileSync(crl, Buffer.from(await (await fetch(`${p.issuer}/signing/crl/issuing.crl`)).arrayBuffer()));
    expect(run('openssl', ['crl', '-inform', 'DER', '-in', crl, '-noout', '-text']).out).toContain('Key Compromise');
  });
});
