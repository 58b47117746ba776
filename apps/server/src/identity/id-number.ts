/**
 * Identity numbers in the style of the Hong Kong Identity Card: one or two capital letters,
 * six digits and a check digit (0-9 or A), printed as "A123456(3)". The canonical form,
 * used for storage and hashing, drops the brackets: "A1234563". Normalising first matters
 * because the lookup hash of "a123456(3)" must equal the hash of "A1234563".
 */

const DIGITS = 1_000_000;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Bracketed or bare check digit; spaces are removed before matching. */
const PATTERN = /^([A-Z]{1,2})(\d{6})(?:\(([0-9A])\)|([0-9A]))$/;
const BODY = /^[A-Z]{1,2}\d{6}$/;

export type IdNumberParse = { idNumber: string } | { error: 'malformed' | 'check_digit' };

/** Letters count 10..35; a missing second letter is a space worth 36 (as on the real card). */
const charValue = (c: string): number => (c === ' ' ? 36 : c >= 'A' ? c.charCodeAt(0) - 55 : Number(c));

/** The check digit for a body such as "A123456" or "AB987654". */
export function checkDigit(body: string): string {
  if (!BODY.test(body)) throw new RangeError(`not an identity number body: ${JSON.stringify(body)}`);
  const padded = body.length === 7 ? ` ${body}` : body;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += charValue(padded[i]!) * (9 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'A' : String(check);
}

/** Tells a malformed number apart from a mistyped one, so a form can say which. */
export function parseIdNumber(input: string): IdNumberParse {
  const m = PATTERN.exec(input.replace(/\s+/g, '').toUpperCase());
  if (!m) return { error: 'malformed' };
  const body = `${m[1]}${m[2]}`;
  const given = m[3] ?? m[4]!;
  return checkDigit(body) === given ? { idNumber: `${body}${given}` } : { error: 'check_digit' };
}

/** "a123456 (3)" → "A1234563"; undefined when malformed or the check digit is wrong. */
export function normalizeIdNumber(input: string): string | undefined {
  const parsed = parseIdNumber(input);
  return 'idNumber' in parsed ? parsed.idNumber : undefined;
}

export const isValidIdNumber = (input: string): boolean => normalizeIdNumber(input) !== undefined;

/** Any accepted spelling → "A123456(3)", the form people read on the card. */
export function formatIdNumber(input: string): string {
  const id = normalizeIdNumber(input);
  if (!id) throw new RangeError('not a valid identity number');
  return `${id.slice(0, -1)}(${id.slice(-1)})`;
}

/**
 * How many numbers `idNumberFromIndex` can produce: single letters B–Z, then AA–ZZ. The
 * single-letter prefix A is left out on purpose, so hand-made records (the demo residents,
 * examples in docs, `yat registry add`) can use it without ever colliding with seeded ones.
 */
export const GENERATED_ID_CAPACITY = (25 + 26 * 26) * DIGITS;

/**
 * A bijection from 0..GENERATED_ID_CAPACITY-1 to valid identity numbers. The six digits are
 * scrambled by an affine map modulo 10^6 (the multiplier is coprime with 10, so it is a
 * permutation): seeded numbers look like real ones instead of counting B000000, B000001…
 */
export function idNumberFromIndex(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= GENERATED_ID_CAPACITY) {
    throw new RangeError(`identity number index out of range: ${n}`);
  }
  const block = Math.floor(n / DIGITS);
  const digits = String((((n % DIGITS) * 388_237 + 731_059) % DIGITS)).padStart(6, '0');
  const body = `${prefixOfBlock(block)}${digits}`;
  return `${body}${checkDigit(body)}`;
}

function prefixOfBlock(block: number): string {
  if (block < 25) return LETTERS[block + 1]!;
  const pair = block - 25;
  return `${LETTERS[Math.floor(pair / 26)]}${LETTERS[pair % 26]}`;
}
