import type { PDFDocument } from 'pdf-lib';
import { badRequest } from '../errors.ts';
import { sha256 } from './cms.ts';

/**
 * PAdES baseline (ETSI EN 319 142-1) in two steps, because the resident approves between
 * them: `preparePdf` adds a signature dictionary (SubFilter ETSI.CAdES.detached) with a
 * zero-filled /Contents and a final /ByteRange, and returns the SHA-256 of the byte ranges —
 * the digest the resident approves and the CMS signs; `embedSignature` writes the CMS into
 * /Contents. The placeholder itself is made by @signpdf/placeholder-pdf-lib on pdf-lib.
 */
export const MAX_PDF_BYTES = 10 * 1024 * 1024;
// Room for a CAdES-B-T CMS with two certificates and a timestamp token with two more (≈4 KB).
const SIGNATURE_BYTES = 12_288;

export type PreparedPdf = { pdf: Uint8Array; byteRange: [number, number, number, number]; digest: Uint8Array };

export async function preparePdf(input: Uint8Array, meta: { reason: string; location: string; appName: string }): Promise<PreparedPdf> {
  // Loaded on first use: pdf-lib takes a second or more to import, which every CLI command
  // and server start would otherwise pay.
  const [{ PDFDocument: Pdf }, { pdflibAddPlaceholder }, { SUBFILTER_ETSI_CADES_DETACHED }] = await Promise.all([import('pdf-lib'), import('@signpdf/placeholder-pdf-lib'), import('@signpdf/utils')]);
  let doc: PDFDocument;
  try {
    doc = await Pdf.load(input, { updateMetadata: false });
  } catch (err) {
    throw badRequest('invalid_pdf', `The file could not be read as a PDF: ${(err as Error).message}`);
  }
  if (doc.getPageCount() === 0) throw badRequest('invalid_pdf', 'The PDF has no pages.');
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: meta.reason,
    contactInfo: '',
    name: '',
    location: meta.location,
    // The placeholder's length is in hex digits, written as NUL characters until the signature replaces them.
    signatureLength: SIGNATURE_BYTES * 2,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: meta.appName,
  });
  const saved = Buffer.from(await doc.save({ useObjectStreams: false }));
  return fixByteRange(saved);
}

/** Finds the placeholder, writes the real /ByteRange in its place (same length) and hashes the ranges. */
function fixByteRange(pdf: Buffer): PreparedPdf {
  const text = pdf.toString('latin1');
  const placeholder = /\/ByteRange\s*\[\s*0\s+\/\*{10}\s+\/\*{10}\s+\/\*{10}\s*\]/.exec(text);
  const contents = new RegExp(`/Contents\\s*<(\\x00{${SIGNATURE_BYTES * 2}})>`).exec(text);
  if (!placeholder || !contents) throw new Error('the signature placeholder was not written as expected');
  const start = contents.index + contents[0].indexOf('<');
  const end = start + contents[1]!.length + 2;
  const byteRange: PreparedPdf['byteRange'] = [0, start, end, pdf.length - end];
  const written = `/ByteRange [${byteRange.join(' ')}]`;
  if (written.length > placeholder[0].length) throw new Error('the byte range does not fit its placeholder');
  pdf.write(written.padEnd(placeholder[0].length, ' '), placeholder.index, 'latin1');
  pdf.write('0'.repeat(end - start - 2), start + 1, 'latin1');
  return { pdf: new Uint8Array(pdf), byteRange, digest: rangesDigest(pdf, byteRange) };
}

export const rangesDigest = (pdf: Uint8Array, [a, b, c, d]: readonly number[]): Uint8Array =>
  sha256(Buffer.concat([pdf.subarray(a!, a! + b!), pdf.subarray(c!, c! + d!)]));

/** Writes the CMS (DER) into the prepared PDF's /Contents. */
export function embedSignature(prepared: Uint8Array, byteRange: readonly number[], cms: Uint8Array): Uint8Array {
  const hex = Buffer.from(cms).toString('hex');
  const room = byteRange[2]! - byteRange[1]! - 2;
  if (hex.length > room) throw new Error(`the signature (${cms.length} bytes) does not fit the placeholder (${room / 2} bytes)`);
  const out = Buffer.from(prepared);
  out.write(hex.padEnd(room, '0'), byteRange[1]! + 1, 'latin1');
  return new Uint8Array(out);
}

/** The last signature of a signed PDF: its /ByteRange and CMS, or undefined when it has none. */
export function lastSignature(pdf: Uint8Array): { byteRange: number[]; cms: Uint8Array; subFilter: string | undefined } | undefined {
  const text = Buffer.from(pdf).toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const last = ranges.at(-1);
  if (!last) return undefined;
  const byteRange = last.slice(1, 5).map(Number);
  const [a, b, c, d] = byteRange as [number, number, number, number];
  if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length) return undefined;
  const gap = text.slice(b, c);
  if (!/^<[0-9A-Fa-f]*>$/.test(gap)) return undefined;
  const raw = Buffer.from(gap.slice(1, -1).length % 2 ? `${gap.slice(1, -1)}0` : gap.slice(1, -1), 'hex');
  const der = raw.subarray(0, derLength(raw));
  const dict = text.slice(Math.max(0, last.index - 2000), last.index + 2000);
  return { byteRange, cms: new Uint8Array(der), subFilter: /\/SubFilter\s*\/([A-Za-z0-9.]+)/.exec(dict)?.[1] };
}

/** The length of the DER value at the start of `b` (its trailing zero padding is not part of it). */
function derLength(b: Uint8Array): number {
  if (b.length < 2) return 0;
  const first = b[1]!;
  if (first < 0x80) return Math.min(b.length, 2 + first);
  const n = first & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + (b[2 + i] ?? 0);
  return Math.min(b.length, 2 + n + len);
}
