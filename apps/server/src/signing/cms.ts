import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type * as x509 from '@peculiar/x509';
import type { KeyStore } from './key-store.ts';
import { storeCrypto, storeKey } from './store-crypto.ts';

/**
 * CMS signed data (RFC 5652) as CAdES baseline signatures (ETSI EN 319 122-1): a detached
 * SignedData over a document digest with the signed attributes content-type, message-digest,
 * signing-certificate-v2 (RFC 5035) and, for CAdES (not PAdES, where the PDF dictionary
 * carries the time), signing-time; B-T adds an RFC 3161 timestamp over the signature value
 * as the unsigned attribute signature-time-stamp.
 */
export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

export const sha256 = (data: Uint8Array | Buffer): Buffer => crypto.createHash('sha256').update(data).digest();
// A copy: a Node Buffer's .buffer is often a shared pool, not the bytes alone.
export const ab = (b: Uint8Array): ArrayBuffer => new Uint8Array(b).buffer;

// Parsed certificates and their signing-certificate-v2 attributes, by DER: parsing with asn1js is
// most of a signature's CPU time, and the same few certificates sign again and again.
const parsed = new Map<string, { cert: pkijs.Certificate; essAttr: pkijs.Attribute }>();
function parsedOf(cert: x509.X509Certificate) {
  const der = new Uint8Array(cert.rawData);
  const key = Buffer.from(der).toString('base64');
  let hit = parsed.get(key);
  if (!hit) {
    const c = pkijs.Certificate.fromBER(ab(der));
    // pkijs re-parses the TBS part every time a certificate is encoded (toSchema()); these
    // certificates never change, so their schema is built once.
    const schema = c.toSchema();
    c.toSchema = () => schema;
    hit = { cert: c, essAttr: signingCertificateV2(c, der) };
    if (parsed.size >= 2000) parsed.delete(parsed.keys().next().value!);
    parsed.set(key, hit);
  }
  return hit;
}

export const toPkijs = (cert: x509.X509Certificate): pkijs.Certificate => parsedOf(cert).cert;

/** signing-certificate-v2 with one ESSCertIDv2 (SHA-256, the default, so no algorithm field) and the issuer/serial. */
export function signingCertificateV2(cert: pkijs.Certificate, der: Uint8Array): pkijs.Attribute {
  const certHash = sha256(der);
  const issuerSerial = new asn1js.Sequence({
    value: [new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: cert.issuer })] }).toSchema(), cert.serialNumber],
  });
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: ab(certHash) }), issuerSerial] });
  return new pkijs.Attribute({ type: OID.signingCertificateV2, values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })] });
}

export type Signer = { cert: x509.X509Certificate; keyId: string };

/**
 * A SignedData whose one signer signs `signedAttributes` (content-type, message-digest and
 * signing-certificate-v2 are added here) with a key-store key. `eContent`, when given, is
 * encapsulated (a timestamp token's TSTInfo); otherwise the signature is detached.
 */
export async function signedData(input: {
  store: KeyStore;
  signer: Signer;
  extraCerts: x509.X509Certificate[];
  contentType: string;
  digest: Uint8Array;
  eContent?: Uint8Array;
  signingTime?: Date;
}): Promise<pkijs.SignedData> {
  const { cert, essAttr } = parsedOf(input.signer.cert);
  const attributes = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: input.contentType })] }),
    ...(input.signingTime ? [new pkijs.Attribute({ type: OID.signingTime, values: [new asn1js.UTCTime({ valueDate: input.signingTime })] })] : []),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: ab(input.digest) })] }),
    essAttr,
  ];
  const sd = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: input.contentType,
      ...(input.eContent ? { eContent: new asn1js.OctetString({ valueHex: ab(input.eContent) }) } : {}),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
      }),
    ],
    certificates: [cert, ...input.extraCerts.map(toPkijs)],
  });
  // RFC 5652 §5.1: version 3 when the encapsulated content is not id-data.
  if (input.contentType !== OID.data) sd.version = 3;
  const engine = new pkijs.CryptoEngine({ name: 'yat-key-store', crypto: storeCrypto(input.store) });
  await sd.sign(storeKey(input.signer.keyId), 0, 'SHA-256', undefined, engine);
  return sd;
}

export const contentInfoDer = (sd: pkijs.SignedData): Uint8Array =>
  new Uint8Array(new pkijs.ContentInfo({ contentType: OID.signedData, content: sd.toSchema(true) }).toSchema().toBER(false));

/** The signature value a signature-time-stamp covers (ETSI EN 319 122-1 §5.3). */
export const signatureValue = (sd: pkijs.SignedData): Uint8Array => new Uint8Array(sd.signerInfos[0]!.signature.valueBlock.valueHexView);

/** Adds a timestamp token (DER ContentInfo) as the signer's unsigned signature-time-stamp attribute. */
export function addSignatureTimestamp(sd: pkijs.SignedData, token: Uint8Array): void {
  const parsed = asn1js.fromBER(ab(token));
  if (parsed.offset === -1) throw new Error('unreadable timestamp token');
  sd.signerInfos[0]!.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 1,
    attributes: [new pkijs.Attribute({ type: OID.signatureTimeStampToken, values: [parsed.result] })],
  });
}
