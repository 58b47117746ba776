import { describe, expect, test } from 'vitest';
import {
  checkDigit,
  formatIdNumber,
  GENERATED_ID_CAPACITY,
  idNumberFromIndex,
  isValidIdNumber,
  normalizeIdNumber,
  parseIdNumber,
} from '../../src/identity/id-number.ts';

describe('check digit', () => {
  test.each([
    ['A123456', '3'],
    ['G123456', 'A'],
    ['AB987654', '3'],
    ['C668668', '9'],
    ['X354670', '0'],
  ])('%s → %s', (body, digit) => {
    expect(checkDigit(body)).toBe(digit);
  });

  test('rejects a body that is not one or two letters and six digits', () => {
    for (const body of ['123456', 'A12345', 'ABC123456', 'a123456', 'A1234567']) expect(() => checkDigit(body)).toThrow(RangeError);
  });
});

describe('normalisation', () => {
  test.each(['A123456(3)', 'a123456(3)', 'A1234563', ' A 123 456 (3) ', 'a1234563'])('%j → A1234563', (input) => {
    expect(normalizeIdNumber(input)).toBe('A1234563');
  });

  test('two-letter prefixes and the check digit A', () => {
    expect(normalizeIdNumber('ab987654(3)')).toBe('AB9876543');
    expect(normalizeIdNumber('G123456(a)')).toBe('G123456A');
  });

  test.each(['', 'A123456', 'A123456(', 'A123456(3', 'A1234563)', '1234567', 'ABC1234563', 'A12345(6)', 'A123456(B)', 'Ä1234563'])(
    'malformed %j → undefined',
    (input) => {
      expect(normalizeIdNumber(input)).toBeUndefined();
      expect(parseIdNumber(input)).toEqual({ error: 'malformed' });
    },
  );

  test('a wrong check digit is told apart from a malformed number', () => {
    expect(parseIdNumber('A123456(4)')).toEqual({ error: 'check_digit' });
    expect(isValidIdNumber('A123456(4)')).toBe(false);
    expect(isValidIdNumber('A123456(3)')).toBe(true);
  });

  test('formatting puts the check digit in brackets', () => {
    expect(formatIdNumber('A1234563')).toBe('A123456(3)');
    expect(formatIdNumber('ab 987654 3')).toBe('AB987654(3)');
    expect(() => formatIdNumber('A1234564')).toThrow(RangeError);
  });
});

describe('generator', () => {
  test('200,000 consecutive indexes give 200,000 distinct valid numbers', () => {
    const ids = Array.from({ length: 200_000 }, (_, n) => idNumberFromIndex(n));
    expect(ids.filter((id) => normalizeIdNumber(id) !== id)).toEqual([]);
    expect(new Set(ids).size).toBe(200_000);
  });

  test('a full six-digit block is a permutation (no collisions inside a prefix)', () => {
    const digits = new Set<string>();
    for (let n = 3_000_000; n < 4_000_000; n++) digits.add(idNumberFromIndex(n));
    expect(digits.size).toBe(1_000_000);
  });

  test('is deterministic, never uses the single-letter prefix A, and covers two-letter prefixes', () => {
    expect(idNumberFromIndex(12_345)).toBe(idNumberFromIndex(12_345));
    expect(idNumberFromIndex(0)).toMatch(/^B\d{7}$/);
    expect(idNumberFromIndex(24_999_999)).toMatch(/^Z\d{7}$/);
    expect(idNumberFromIndex(25_000_000)).toMatch(/^AA\d{7}$/);
    expect(idNumberFromIndex(GENERATED_ID_CAPACITY - 1)).toMatch(/^ZZ\d{6}[0-9A]$/);
    for (const n of [-1, 1.5, GENERATED_ID_CAPACITY]) expect(() => idNumberFromIndex(n)).toThrow(RangeError);
  });
});
