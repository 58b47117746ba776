import type { Resident } from '../identity/residents.ts';
import type { Ca, ResidentCertificate } from './ca.ts';
import { signCadesBT } from './cades.ts';
import type { KeyStore } from './key-store.ts';
import { embedSignature } from './pades.ts';
import { createTsa } from './tsa.ts';

/**
 * What signs, once a resident has approved: the resident's certificate (issued on first
 * use, reissued when revoked or near expiry), then per document a detached CAdES-B-T, or
 * for a PDF the PAdES-B-T document. Runs outside any database transaction (slow crypto).
 */
export type DocumentToSign = { name: string; sha256: string; pdf?: { prepared: Uint8Array; byteRange: number[] } };
export type SignedDocument = { name: string; sha256: string; cades: string; pdf?: string };

export function createSigningEngine(deps: { store: KeyStore; ca: Ca }) {
  const { store, ca } = deps;
  const tsa = createTsa({ ca, store });

  const nameOf = (r: Resident) => `${r.profile.nameEn.family} ${r.profile.nameEn.given}`;

  async function certificateFor(resident: Resident): Promise<ResidentCertificate> {
    return (await ca.currentFor(resident.id)) ?? (await ca.issueResident({ residentId: resident.id, nameEn: nameOf(resident) }));
  }

  return {
    store,
    ca,
    tsa,
    certificateFor,

    async sign(resident: Resident, documents: DocumentToSign[]): Promise<{ serial: string; chainPem: string; documents: SignedDocument[] }> {
      const signer = await certificateFor(resident);
      const chain = await ca.chain();
      const signed: SignedDocument[] = [];
      for (const d of documents) {
        const cms = await signCadesBT({ store, ca, tsa }, { signer, digest: Buffer.from(d.sha256, 'base64'), pades: Boolean(d.pdf) });
        signed.push({
          name: d.name,
          sha256: d.sha256,
          cades: Buffer.from(cms).toString('base64'),
          ...(d.pdf ? { pdf: Buffer.from(embedSignature(d.pdf.prepared, d.pdf.byteRange, cms)).toString('base64') } : {}),
        });
      }
      return { serial: signer.serial, chainPem: [signer.cert, chain.issuing.cert, chain.root.cert].map((c) => c.toString('pem')).join('\n'), documents: signed };
    },
  };
}

export type SigningEngine = ReturnType<typeof createSigningEngine>;
