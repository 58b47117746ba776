import { z } from 'zod';
import type { FieldCrypto } from '../crypto/field-crypto.ts';
import { badRequest } from '../errors.ts';
import type { Db } from '../storage/db.ts';
import { normalizeIdNumber, parseIdNumber } from './id-number.ts';

/**
 * The civil registry: the authority's record of who a resident is. Registration matches
 * what a person types against it and sends the one-time code to the phone number it holds.
 * In development and tests it is the embedded table `registry_records`; a deployment
 * against a real registry implements the same interface.
 */
export type RegistryRecord = {
  /** Canonical form, "A1234563" (see id-number.ts); format for display with formatIdNumber. */
  idNumber: string;
  /** As on the card: family name in capitals ("CHAN"), given names as written ("Tai Man"). */
  nameEn: { family: string; given: string };
  /** Empty when the resident has no Chinese name. */
  nameZh: string;
  /** YYYY-MM-DD */
  dob: string;
  gender: 'M' | 'F' | 'X';
  /** Empty strings when nothing is on record. */
  address: { line: string; district: string };
  /** E.164 (+85291234567), or empty when nothing is on record (then no self-registration). */
  phone: string;
  email: string;
};

export type Registry = {
  find(idNumber: string): Promise<RegistryRecord | undefined>;
  /** Inserts or replaces the record with the same identity number. */
  add(record: RegistryRecord): Promise<void>;
  count(): Promise<number>;
};

const idNumberSchema = z.string().transform((value, ctx) => {
  const parsed = parseIdNumber(value);
  if ('idNumber' in parsed) return parsed.idNumber;
  ctx.addIssue({
    code: 'custom',
    message:
      parsed.error === 'check_digit'
        ? 'the check digit does not match (mistyped identity number?)'
        : 'expected one or two letters, six digits and a check digit, e.g. A123456(3)',
  });
  return z.NEVER;
});

const dobSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date')
  .refine((s) => s >= '1900-01-01' && s <= new Date().toISOString().slice(0, 10), 'must be between 1900-01-01 and today');

/** Rejects 1980-02-30 and friends, which Date would silently roll over into March. */
function isCalendarDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number);
  if (!y || !m || !d) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Local numbers are 8 digits; people type them with spaces, dashes or without +852. */
const phoneSchema = z
  .string()
  .transform((s) => s.replace(/[\s()-]/g, ''))
  .transform((s) => (/^\d{8}$/.test(s) ? `+852${s}` : s))
  .refine((s) => s === '' || /^\+[1-9]\d{6,14}$/.test(s), 'expected an E.164 number such as +85291234567');

const nameWord = /^[A-Za-z][A-Za-z' .-]*$/;
const nameMessage = 'required; Latin letters, spaces, apostrophes and hyphens only';
const text = (max: number) => z.string().trim().max(max);

const recordSchema = z.object({
  idNumber: idNumberSchema,
  nameEn: z.object({
    family: text(60).regex(nameWord, nameMessage).transform((s) => s.replace(/\s+/g, ' ').toUpperCase()),
    given: text(100).regex(nameWord, nameMessage).transform((s) => s.replace(/\s+/g, ' ')),
  }),
  nameZh: text(20).regex(/^[\p{Script=Han}·]*$/u, 'Chinese characters only'),
  dob: dobSchema,
  gender: z.enum(['M', 'F', 'X']),
  address: z.object({ line: text(200), district: text(60) }),
  phone: phoneSchema,
  email: z.union([z.literal(''), z.email().max(254).transform((s) => s.toLowerCase())]),
});

/** Validates and normalises a record; throws AppError 400 `invalid_registry_record`. */
export function parseRegistryRecord(input: unknown): RegistryRecord {
  const parsed = recordSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(record)', message: i.message }));
  const summary = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  throw badRequest('invalid_registry_record', `Invalid registry record: ${summary}`, { issues });
}

/**
 * Rows are keyed by a keyed hash of the canonical number and the record is sealed with the
 * hash as associated data: a copy of the database reveals neither who is in the registry
 * nor anything about them, and a sealed record moved to another row fails to decrypt.
 */
export function createEmbeddedRegistry({ db, crypto }: { db: Db; crypto: FieldCrypto }): Registry {
  return {
    async find(idNumber) {
      const canonical = normalizeIdNumber(idNumber);
      if (!canonical) return undefined;
      const idHash = crypto.lookupHash(canonical);
      const row = await db.selectFrom('registry_records').select('record_enc').where('id_hash', '=', idHash).executeTakeFirst();
      return row ? crypto.decryptJson<RegistryRecord>(row.record_enc, idHash) : undefined;
    },
    async add(record) {
      const valid = parseRegistryRecord(record);
      const row = sealRecord(crypto, valid);
      await db
        .insertInto('registry_records')
        .values(row)
        .onConflict((oc) => oc.column('id_hash').doUpdateSet({ record_enc: row.record_enc }))
        .execute();
    },
    async count() {
      const { n } = await db
        .selectFrom('registry_records')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(n);
    },
  };
}

/** The stored form of a record that is already valid and canonical (seeding uses it too). */
export function sealRecord(crypto: FieldCrypto, record: RegistryRecord): { id_hash: string; record_enc: string } {
  const idHash = crypto.lookupHash(record.idNumber);
  return { id_hash: idHash, record_enc: crypto.encryptJson(record, idHash) };
}
