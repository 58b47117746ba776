import crypto from 'node:crypto';
import { formatIdNumber } from '../identity/id-number.ts';
import type { RegistryRecord } from '../identity/registry.ts';

/**
 * What the wallet, the headless wallet, the console and the platform compute identically:
 * the short counter codes, the challenges the two sides sign, and the record staff see.
 */

// No 0/O, 1/I/L: a code is read aloud, typed by staff or read by a hand-held scanner.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;

/** A fresh one-time code, shown as "K7M2-9QXF" (40 bits; they live minutes and are rate-limited). */
export function newCounterCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += ALPHABET[crypto.randomInt(ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** "k7m2 9qxf", "K7M29QXF" → "K7M29QXF"; undefined for anything that cannot be a code. */
export function normalizeCounterCode(input: string): string | undefined {
  const s = input.replace(/[\s-]+/g, '').toUpperCase();
  return s.length === CODE_LENGTH && [...s].every((c) => ALPHABET.includes(c)) ? s : undefined;
}

export const documentTypes = ['hkid', 'passport', 'travel_document'] as const;
export type DocumentType = (typeof documentTypes)[number];

/** Document numbers are compared without spaces, brackets or case. */
export const normalizeDocumentNumber = (input: string): string => input.replace(/[\s()/-]+/g, '').toUpperCase();

const b64 = (s: string) => crypto.createHash('sha256').update(s).digest('base64url');

/** The resident's confirmation of an upgrade signs this (WebAuthn challenge, with user verification). */
export const upgradeChallenge = (nonce: string): string => b64(`yat-counter-upgrade\n${nonce}`);

/**
 * A staff member's confirmation from their own wallet (the CLI's `yat counter verify`) signs
 * the server's one-time nonce with the code and a hash of the document it recorded.
 */
export const staffConfirmationChallenge = (nonce: string, code: string, documentType: string, documentNumber: string): string =>
  b64(`yat-counter-verify\n${nonce}\n${normalizeCounterCode(code) ?? code}\n${documentType}\n${b64(normalizeDocumentNumber(documentNumber))}`);

/** Shows who the number belongs to without showing it: "A123***(*)". */
export function maskIdNumber(idNumber: string): string {
  const shown = formatIdNumber(idNumber);
  const letters = /^[A-Z]+/.exec(shown)![0];
  return `${letters}${shown.slice(letters.length, letters.length + 3)}***(*)`;
}

/** What staff see of the registry record: enough to compare with the person and the document. */
export type RecordView = { nameEn: string; nameZh: string; dob: string; gender: string; idNumberMasked: string };

export const recordView = (r: RegistryRecord): RecordView => ({
  nameEn: [r.nameEn.family, r.nameEn.given].filter(Boolean).join(' '),
  nameZh: r.nameZh,
  dob: r.dob,
  gender: r.gender,
  idNumberMasked: maskIdNumber(r.idNumber),
});
