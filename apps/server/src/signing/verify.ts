import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Ca } from './ca.ts';
import { ab, OID } from './cms.ts';
import { lastSignature, rangesDigest } from './pades.ts';

/**
 * Public verification of what the platform signed: a CMS (CAdES) signature with its
 * document's digest, or a signed PDF (PAdES). Checks, in order: the document digest against
 * the message-digest attribute, the signature over the signed attributes with the signer's
 * certificate, the certificate's chain to this platform's root, its status on the platform's
 * CRL (revoked?), and the signature timestamp (its own signature, chain and imprint).
 * Verification uses Node's crypto (X509Certificate, crypto.verify); pkijs only parses.
 */
export type Verification = {
  valid: boolean;
  /** Why not valid (a stable code, translated on the page). */
  problem?: 'not_a_signature' | 'no_signature_in_pdf' | 'document_changed' | 'bad_signature' | 'unknown_issuer' | 'revoked' | 'bad_timestamp';
  format?: 'CAdES' | 'PAdES';
  signer?: { name: string; serial: string; issuer: string; notBefore: string; notAfter: string };
  certificate?: { status: 'valid' | 'revoked' | 'unknown'; revokedAt?: string; reason?: string };
  signingTime?: string;
  timestamp?: { time: string; valid: boolean };
};

const attr = (si: pkijs.SignerInfo, type: string, unsigned = false) => (unsigned ? si.unsignedAttrs : si.signedAttrs)?.attributes.find((a) => a.type === type)?.values[0];
const x509Of = (c: pkijs.Certificate) => new crypto.X509Certificate(Buffer.from(c.toSchema().toBER(false)));

/** The signer's certificate and whether its signature over the signed attributes holds. */
function checkSigner(sd: pkijs.SignedData): { cert: crypto.X509Certificate; si: pkijs.SignerInfo; ok: boolean } | undefined {
  const si = sd.signerInfos[0];
  if (!si?.signedAttrs || !(si.sid instanceof pkijs.IssuerAndSerialNumber)) return undefined;
  const sid = si.sid;
  const certs = (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const found = certs.find((c) => c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer));
  if (!found) return undefined;
  const cert = x509Of(found);
  // RFC 5652 §5.4: the signature covers the DER of the attributes with an explicit SET OF tag.
  const signed = Buffer.from(si.signedAttrs.encodedValue);
  signed[0] = 0x31;
  let ok = false;
  try {
    ok = crypto.verify('sha256', signed, cert.publicKey, Buffer.from(si.signature.valueBlock.valueHexView));
  } catch {
    ok = false;
  }
  return { cert, si, ok };
}

function parseSignedData(der: Uint8Array): pkijs.SignedData | undefined {
  try {
    const parsed = asn1js.fromBER(ab(der));
    if (parsed.offset === -1) return undefined;
    const ci = new pkijs.ContentInfo({ schema: parsed.result });
    if (ci.contentType !== OID.signedData) return undefined;
    return new pkijs.SignedData({ schema: ci.content });
  } catch {
    return undefined;
  }
}

const digestOf = (si: pkijs.SignerInfo): Buffer | undefined => {
  const v = attr(si, OID.messageDigest);
  return v instanceof asn1js.OctetString ? Buffer.from(v.valueBlock.valueHexView) : undefined;
};

export function createVerifier(deps: { ca: Ca }) {
  const { ca } = deps;

  async function chainsToRoot(cert: crypto.X509Certificate, at: Date): Promise<boolean> {
    const chain = await ca.chain();
    const issuing = new crypto.X509Certificate(Buffer.from(chain.issuing.cert.rawData));
    const root = new crypto.X509Certificate(Buffer.from(chain.root.cert.rawData));
    const within = (c: crypto.X509Certificate) => new Date(c.validFrom) <= at && at <= new Date(c.validTo);
    return cert.checkIssued(issuing) && cert.verify(issuing.publicKey) && issuing.verify(root.publicKey) && within(cert) && within(issuing);
  }

  async function checkTimestamp(si: pkijs.SignerInfo): Promise<Verification['timestamp']> {
    const token = attr(si, OID.signatureTimeStampToken, true);
    if (!token) return undefined;
    const sd = parseSignedData(new Uint8Array(token.toBER(false)));
    const eContent = sd?.encapContentInfo.eContent;
    if (!sd || !eContent || sd.encapContentInfo.eContentType !== OID.tstInfo) return { time: '', valid: false };
    const content = Buffer.from(eContent.getValue());
    const tst = pkijs.TSTInfo.fromBER(ab(content));
    const signer = checkSigner(sd);
    const imprint = Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView);
    const expected = crypto.createHash('sha256').update(Buffer.from(si.signature.valueBlock.valueHexView)).digest();
    const tsaCert = new crypto.X509Certificate(Buffer.from((await ca.chain()).tsa.cert.rawData));
    const valid =
      Boolean(signer?.ok) &&
      signer!.cert.fingerprint256 === tsaCert.fingerprint256 &&
      digestOf(signer!.si)?.equals(crypto.createHash('sha256').update(content).digest()) === true &&
      tst.messageImprint.hashAlgorithm.algorithmId === OID.sha256 &&
      imprint.equals(expected) &&
      (await chainsToRoot(signer!.cert, tst.genTime));
    return { time: tst.genTime.toISOString(), valid };
  }

  /** A CMS signature (DER) over a document whose SHA-256 is `digest`. */
  async function verifyCms(der: Uint8Array, digest: Uint8Array, format: 'CAdES' | 'PAdES' = 'CAdES'): Promise<Verification> {
    const sd = parseSignedData(der);
    if (!sd) return { valid: false, problem: 'not_a_signature' };
    const s = checkSigner(sd);
    if (!s) return { valid: false, problem: 'not_a_signature', format };
    const { cert, si, ok } = s;
    const name = /CN=([^\n]+)/.exec(cert.subject)?.[1] ?? cert.subject;
    const serial = cert.serialNumber.toLowerCase().replace(/^0+/, '');
    const signingTimeAttr = attr(si, OID.signingTime);
    const signingTime = signingTimeAttr instanceof asn1js.UTCTime || signingTimeAttr instanceof asn1js.GeneralizedTime ? signingTimeAttr.toDate().toISOString() : undefined;
    const timestamp = await checkTimestamp(si);
    const status = await ca.status(serial);
    const base: Verification = {
      valid: false,
      format,
      signer: { name, serial, issuer: cert.issuer.replace(/\n/g, ', '), notBefore: new Date(cert.validFrom).toISOString(), notAfter: new Date(cert.validTo).toISOString() },
      certificate: { status: status.status, ...(status.revokedAt ? { revokedAt: new Date(status.revokedAt).toISOString(), reason: status.reason } : {}) },
      ...(signingTime ? { signingTime } : {}),
      ...(timestamp ? { timestamp } : {}),
    };
    if (!digestOf(si)?.equals(Buffer.from(digest))) return { ...base, problem: 'document_changed' };
    if (!ok) return { ...base, problem: 'bad_signature' };
    const at = new Date(timestamp?.valid ? timestamp.time : (signingTime ?? Date.now()));
    if (!(await chainsToRoot(cert, at))) return { ...base, problem: 'unknown_issuer' };
    if (timestamp && !timestamp.valid) return { ...base, problem: 'bad_timestamp' };
    if (status.status === 'revoked') return { ...base, problem: 'revoked' };
    return { ...base, valid: true };
  }

  return {
    verifyCms,
    verifyDocument: (signature: Uint8Array, document: Uint8Array) => verifyCms(signature, crypto.createHash('sha256').update(document).digest()),
    async verifyPdf(pdf: Uint8Array): Promise<Verification> {
      const sig = lastSignature(pdf);
      if (!sig) return { valid: false, problem: 'no_signature_in_pdf' };
      return verifyCms(sig.cms, rangesDigest(pdf, sig.byteRange), 'PAdES');
    },
  };
}

export type Verifier = ReturnType<typeof createVerifier>;
