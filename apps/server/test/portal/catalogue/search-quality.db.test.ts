import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openCatalogue, type Catalogue } from '../../../src/portal/catalogue/catalogue.ts';
import { openTestContext, type TestContext } from '../../support/context.ts';

/**
 * The searches residents make, in their words and languages and with their typos: each must
 * find the service meant within the first three results. The catalogue is seeded into a real
 * database and read back, as at start-up.
 */
const expectations: [query: string, slug: string][] = [
  // English, as people write it
  ['driving licence', 'renew-driving-licence'],
  ['renew driving licence', 'renew-driving-licence'],
  ["driver's license renewal", 'renew-driving-licence'],
  ['register to vote', 'register-as-voter'],
  ['voter registration', 'register-as-voter'],
  ['check voter registration', 'check-voter-registration'],
  ['birth certificate', 'certified-copy-birth-record'],
  ['public housing', 'apply-public-rental-housing'],
  ['business registration', 'business-registration'],
  ['passport', 'apply-hksar-passport'],
  ['identity card', 'apply-hkid-card'],
  ['tax return', 'file-individual-tax-return'],
  ['old age allowance', 'old-age-allowance'],
  ['library card', 'library-card'],
  ['dog licence', 'dog-licence'],
  ['restaurant license', 'restaurant-licence'],
  ['trademark', 'register-trade-mark'],
  ['student loan', 'tertiary-student-finance'],
  ['get married', 'give-notice-of-marriage'],
  ['drone', 'register-drone'],
  ['water account', 'open-water-account'],
  ['legal aid', 'apply-civil-legal-aid'],
  ['criminal record certificate', 'certificate-of-no-criminal-conviction'],
  ['set up a limited company', 'incorporate-local-company'],
  // Misspellings
  ['driving lisence', 'renew-driving-licence'],
  ['drivng licence', 'renew-driving-licence'],
  ['pasport', 'apply-hksar-passport'],
  ['votr registration', 'register-as-voter'],
  ['buisness registration', 'business-registration'],
  ['birth certficate', 'certified-copy-birth-record'],
  ['libary card', 'library-card'],
  ['publc housing', 'apply-public-rental-housing'],
  // Traditional Chinese
  ['駕駛執照', 'renew-driving-licence'],
  ['續領駕駛執照', 'renew-driving-licence'],
  ['選民登記', 'register-as-voter'],
  ['出生證明書', 'certified-copy-birth-record'],
  ['公屋', 'apply-public-rental-housing'],
  ['商業登記', 'business-registration'],
  ['護照', 'apply-hksar-passport'],
  ['身份證', 'apply-hkid-card'],
  ['高齡津貼', 'old-age-allowance'],
  ['報稅', 'file-individual-tax-return'],
  ['狗牌', 'dog-licence'],
  // Simplified Chinese
  ['驾驶执照', 'renew-driving-licence'],
  ['选民登记', 'register-as-voter'],
  ['出生证明书', 'certified-copy-birth-record'],
  ['公共租住房屋', 'apply-public-rental-housing'],
  ['商业登记', 'business-registration'],
  ['护照', 'apply-hksar-passport'],
  ['身份证', 'apply-hkid-card'],
  ['无犯罪纪录证明书', 'certificate-of-no-criminal-conviction'],
  ['大专学生资助', 'tertiary-student-finance'],
  ['结婚', 'give-notice-of-marriage'],
  ['无人机', 'register-drone'],
  // Common Chinese words that are not the catalogue's own (synonyms.ts), both scripts
  ['驾照', 'renew-driving-licence'],
  ['駕照', 'renew-driving-licence'],
  ['續期', 'renew-driving-licence'],
  ['續期駕照', 'renew-driving-licence'],
  ['续期驾照', 'renew-driving-licence'],
  ['生果金', 'old-age-allowance'],
  ['出世紙', 'certified-copy-birth-record'],
  ['出世纸', 'certified-copy-birth-record'],
  ['綜援', 'apply-cssa'],
  ['综援', 'apply-cssa'],
  ['居屋', 'home-ownership-scheme'],
  ['強積金', 'mpf-enrolment-guide'],
  ['身分證', 'apply-hkid-card'],
  ['學資', 'tertiary-student-finance'],
  ['学资', 'tertiary-student-finance'],
  ['開公司', 'incorporate-local-company'],
  ['註冊結婚', 'give-notice-of-marriage'],
  ['登記做選民', 'register-as-voter'],
];

/** A common word finds what the catalogue's word finds, not a fraction of it. */
const sameResults: [common: string, catalogue: string][] = [
  ['驾照', '驾驶执照'],
  ['駕照', '駕駛執照'],
  ['续期驾照', '续领驾驶执照'],
  ['續期駕照', '續領駕駛執照'],
  ['生果金', '高齡津貼'],
];

let ctx: TestContext;
let catalogue: Catalogue;

beforeAll(async () => {
  ctx = await openTestContext();
  catalogue = await openCatalogue({ db: ctx.storage.db });
});
afterAll(async () => {
  await ctx?.close();
});

describe('search quality', () => {
  test('the list covers at least 40 queries in all three languages, with misspellings', () => {
    expect(expectations.length).toBeGreaterThanOrEqual(40);
  });

  test.each(expectations)('"%s" finds %s in the top 3', (query, slug) => {
    const top = catalogue.current().search(query).slice(0, 3).map((s) => s.slug);
    expect(top).toContain(slug);
  });
});

describe('synonyms', () => {
  test.each(sameResults)('"%s" finds every service "%s" finds', (common, word) => {
    const slugs = (q: string) => catalogue.current().search(q).map((s) => s.slug);
    const expected = slugs(word);
    expect(expected.length).toBeGreaterThan(0);
    expect(slugs(common)).toEqual(expect.arrayContaining(expected));
  });
});

describe('filters', () => {
  test('a department filter keeps only that department', () => {
    const results = catalogue.current().search('licence', { department: 'transport-department' });
    expect(results.length).toBeGreaterThan(3);
    expect(results.every((s) => s.department === 'transport-department')).toBe(true);
  });

  test('a topic filter keeps only services in that topic', () => {
    const all = catalogue.current().search('licence');
    const business = catalogue.current().search('licence', { category: 'business' });
    expect(business.length).toBeGreaterThan(0);
    expect(business.length).toBeLessThan(all.length);
    expect(business.every((s) => s.categories.includes('business'))).toBe(true);
  });

  test('online only drops services that need a visit to a counter', () => {
    const all = catalogue.current().search('licence');
    const online = catalogue.current().search('licence', { onlineOnly: true });
    expect(all.some((s) => s.online === 'none')).toBe(true);
    expect(online.length).toBeGreaterThan(0);
    expect(online.every((s) => s.online !== 'none')).toBe(true);
  });

  test('nonsense finds nothing rather than everything', () => {
    expect(catalogue.current().search('zzqxv')).toEqual([]);
  });
});
