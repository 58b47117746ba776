import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Ca } from './ca.ts';
import { ab, contentInfoDer, OID, sha256, signedData } from './cms.ts';
import type { KeyStore } from './key-store.ts';

/**
 * The timestamp authority (RFC 3161): a request's message imprint (SHA-256/384/512) is
 * answered with a TSTInfo signed by the TSA certificate (timeStamping EKU), with the
 * request's nonce, a random serial, one-second accuracy and the TSA's policy. Used over HTTP
 * at /tsa and directly by the signing flow for CAdES-B-T / PAdES-B-T.
 */
// A policy identifier under the UUID arc (ITU-T X.667: 2.25.<uuid as an integer>), so no registration is needed.
export const TSA_POLICY = `2.25.${BigInt('0x7a3f9c2e4b1d4e8f9a6b2c3d4e5f6071').toString()}`;

const HASHES: Record<string, number> = { '2.16.840.1.101.3.4.2.1': 32, '2.16.840.1.101.3.4.2.2': 48, '2.16.840.1.101.3.4.2.3': 64 };

/** PKIFailureInfo bits (RFC 3161 §2.4.2). */
const FAILURE = { badAlg: 0, badRequest: 2, badDataFormat: 5, unacceptedPolicy: 15 } as const;

export class TsaRejection extends Error {
  readonly failure: keyof typeof FAILURE;
  constructor(failure: keyof typeof FAILURE, message: string) {
    super(message);
    this.failure = failure;
  }
}

export function createTsa(deps: { ca: Ca; store: KeyStore }) {
  const { ca, store } = deps;

  /** A timestamp token (DER ContentInfo) over `digest` (hash algorithm OID `hashAlg`). */
  async function stamp(input: { hashAlg: string; digest: Uint8Array; nonce?: asn1js.Integer; includeCerts: boolean }): Promise<Uint8Array> {
    const chain = await ca.chain();
    const tstInfo = new pkijs.TSTInfo({
      version: 1,
      policy: TSA_POLICY,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: input.hashAlg }),
        hashedMessage: new asn1js.OctetString({ valueHex: ab(input.digest) }),
      }),
      // ab() copies: a small Buffer's .buffer is the whole shared pool (kilobytes), which would become the serial.
      serialNumber: new asn1js.Integer({ valueHex: ab(Buffer.concat([Buffer.from([0x01]), crypto.randomBytes(15)])) }),
      genTime: new Date(Math.floor(Date.now() / 1000) * 1000),
      accuracy: new pkijs.Accuracy({ seconds: 1 }),
      ...(input.nonce ? { nonce: input.nonce } : {}),
    });
    const content = new Uint8Array(tstInfo.toSchema().toBER(false));
    const sd = await signedData({
      store,
      signer: chain.tsa,
      extraCerts: [chain.issuing.cert],
      contentType: OID.tstInfo,
      digest: sha256(content),
      eContent: content,
    });
    if (!input.includeCerts) sd.certificates = undefined;
    return contentInfoDer(sd);
  }

  return {
    stamp,
    /** A SHA-256 timestamp token over `data` (with certificates), for B-T signatures. */
    stampData: (data: Uint8Array) => stamp({ hashAlg: OID.sha256, digest: sha256(data), includeCerts: true }),

    /** Answers a DER TimeStampReq with a DER TimeStampResp (a rejection is a response too, not an HTTP error). */
    async respond(request: Uint8Array): Promise<Uint8Array> {
      try {
        const req = parseRequest(request);
        const token = await stamp(req);
        const parsed = asn1js.fromBER(ab(token));
        return new Uint8Array(
          new pkijs.TimeStampResp({
            status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
            timeStampToken: new pkijs.ContentInfo({ schema: parsed.result }),
          })
            .toSchema()
            .toBER(false),
        );
      } catch (err) {
        if (!(err instanceof TsaRejection)) throw err;
        return rejection(err);
      }
    },
  };
}

function parseRequest(der: Uint8Array): { hashAlg: string; digest: Uint8Array; nonce?: asn1js.Integer; includeCerts: boolean } {
  let req: pkijs.TimeStampReq;
  try {
    req = pkijs.TimeStampReq.fromBER(ab(der));
  } catch {
    throw new TsaRejection('badDataFormat', 'not a DER TimeStampReq');
  }
  if (req.version !== 1) throw new TsaRejection('badRequest', 'only version 1 requests');
  const hashAlg = req.messageImprint.hashAlgorithm.algorithmId;
  const size = HASHES[hashAlg];
  if (!size) throw new TsaRejection('badAlg', 'the message imprint must be SHA-256, SHA-384 or SHA-512');
  const digest = new Uint8Array(req.messageImprint.hashedMessage.valueBlock.valueHexView);
  if (digest.length !== size) throw new TsaRejection('badDataFormat', 'the message imprint has the wrong length for its algorithm');
  if (req.reqPolicy && req.reqPolicy !== TSA_POLICY) throw new TsaRejection('unacceptedPolicy', `this TSA issues under policy ${TSA_POLICY} only`);
  if (req.extensions?.length) throw new TsaRejection('badRequest', 'no request extensions are supported');
  return { hashAlg, digest, ...(req.nonce ? { nonce: req.nonce } : {}), includeCerts: req.certReq ?? false };
}

function rejection(err: TsaRejection): Uint8Array {
  // A DER BIT STRING with only the failure's bit set, trailing zero bits dropped.
  const bit = FAILURE[err.failure];
  const bits = new Uint8Array((bit >> 3) + 1);
  bits[bit >> 3] = 0x80 >> (bit & 7);
  const bitString = new asn1js.BitString({ valueHex: bits.buffer, unusedBits: 7 - (bit & 7) });
  const statusInfo = new asn1js.Sequence({
    value: [new asn1js.Integer({ value: pkijs.PKIStatus.rejection }), new asn1js.Sequence({ value: [new asn1js.Utf8String({ value: err.message })] }), bitString],
  });
  return new Uint8Array(new asn1js.Sequence({ value: [statusInfo] }).toBER(false));
}
