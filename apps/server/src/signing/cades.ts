import type { Ca } from './ca.ts';
import { addSignatureTimestamp, contentInfoDer, OID, signatureValue, signedData, type Signer } from './cms.ts';
import type { KeyStore } from './key-store.ts';
import type { createTsa } from './tsa.ts';

/**
 * A detached CAdES-B-T signature (ETSI EN 319 122-1) over a document's SHA-256 digest: the
 * resident's certificate and the issuing CA's travel in the SignedData, the timestamp token
 * as the signature-time-stamp unsigned attribute. `pades: true` leaves out signing-time, as
 * PAdES baseline requires (ETSI EN 319 142-1 §6.3: the time is the PDF's /M entry).
 */
export async function signCadesBT(deps: { store: KeyStore; ca: Ca; tsa: ReturnType<typeof createTsa> }, input: { signer: Signer; digest: Uint8Array; pades?: boolean }): Promise<Uint8Array> {
  const { issuing } = await deps.ca.chain();
  const sd = await signedData({
    store: deps.store,
    signer: input.signer,
    extraCerts: [issuing.cert],
    contentType: OID.data,
    digest: input.digest,
    ...(input.pades ? {} : { signingTime: new Date() }),
  });
  addSignatureTimestamp(sd, await deps.tsa.stampData(signatureValue(sd)));
  return contentInfoDer(sd);
}
