import { describe, expect, test } from 'vitest';
import { fields as platformFields } from '../../../apps/server/src/consent/fields.ts';
import { claimsRequestFor, fieldClaims, fieldsFromClaims } from '../src/fields.ts';

describe('e-ME fields in the SDK', () => {
  test('the SDK names the same fields, with the same claims, as the platform', () => {
    expect(Object.fromEntries(platformFields.map((f) => [f.name, [...f.claims]]))).toEqual(fieldClaims);
  });

  test('a login asks for exactly the claims of the chosen fields', () => {
    expect(claimsRequestFor(['name_zh', 'postal_address'])).toEqual({
      id_token: { 'yat:name_zh': null, 'yat:postal_address': null },
      userinfo: { 'yat:name_zh': null, 'yat:postal_address': null },
    });
  });

  test('released claims read back by field name; absent and empty ones are left out', () => {
    expect(fieldsFromClaims({ sub: 's', name: 'CHAN Tai Man', email: '', address: { formatted: '1 Road, Central' }, 'yat:title': 'dr' })).toEqual({ name_en: 'CHAN Tai Man', address: '1 Road, Central', title: 'dr' });
  });
});
