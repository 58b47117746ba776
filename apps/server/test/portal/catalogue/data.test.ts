import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { categories, departments, lifeEvents, services } from '../../../src/portal/catalogue/content/index.ts';
import { documents, eligibility } from '../../../src/portal/catalogue/content/vocabulary.ts';

/** The seed data is what residents read: complete, in three languages, and consistent. */
const deptSlugs = new Set(departments.map((d) => d.slug));
const categorySlugs = new Set(categories.map((c) => c.slug));
const eventSlugs = new Set(lifeEvents.map((e) => e.slug));
const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const han = /\p{Script=Han}/u;

describe('the service catalogue seed', () => {
  test('has at least 300 services from at least 25 departments, each slug once', () => {
    expect(services.length).toBeGreaterThanOrEqual(300);
    expect(new Set(services.map((s) => s.department)).size).toBeGreaterThanOrEqual(25);
    expect(new Set(services.map((s) => s.slug)).size).toBe(services.length);
  });

  test('names and summaries exist in English, Traditional and Simplified Chinese', () => {
    for (const item of [...services, ...departments, ...categories, ...lifeEvents]) {
      for (const text of [item.name, item.summary]) {
        expect(text[0], item.slug).toMatch(/^[A-Z0-9]/);
        expect(text[1], item.slug).toMatch(han);
        expect(text[2], item.slug).toMatch(han);
      }
    }
  });

  test('every reference points at something that exists', () => {
    for (const s of services) {
      expect(s.slug).toMatch(slugPattern);
      expect(deptSlugs.has(s.department), `${s.slug} → ${s.department}`).toBe(true);
      expect(s.categories.length, s.slug).toBeGreaterThan(0);
      for (const c of s.categories) expect(categorySlugs.has(c), `${s.slug} → ${c}`).toBe(true);
      for (const e of s.lifeEvents) expect(eventSlugs.has(e), `${s.slug} → ${e}`).toBe(true);
      for (const k of s.eligibility) expect(eligibility[k], `${s.slug} → ${k}`).toBeDefined();
      for (const k of s.documents) expect(documents[k], `${s.slug} → ${k}`).toBeDefined();
    }
  });

  test('every channel can be followed: online elsewhere has an https link, counter-only has a counter', () => {
    for (const s of services) {
      if (s.online === 'elsewhere') expect(s.url, s.slug).toMatch(/^https:\/\//);
      if (s.online === 'none') expect(s.counter, s.slug).toBe(true);
      expect(s.fee).toBeGreaterThanOrEqual(0);
      expect(s.days).toBeGreaterThanOrEqual(0);
    }
  });

  test('the four life events the portal promises are there, each with services from several departments', () => {
    for (const slug of ['having-a-baby', 'starting-a-business', 'moving-home', 'retiring']) {
      const under = services.filter((s) => s.lifeEvents.includes(slug));
      expect(new Set(under.map((s) => s.department)).size, slug).toBeGreaterThanOrEqual(3);
    }
  });

  test('the five services with hosted e-forms are online here, in the right departments', () => {
    const hosted: Record<string, string> = {
      'renew-driving-licence': 'transport-department',
      'register-as-voter': 'registration-and-electoral-office',
      'certified-copy-birth-record': 'immigration-department',
      'apply-public-rental-housing': 'housing-department',
      'business-registration': 'inland-revenue-department',
    };
    for (const [slug, department] of Object.entries(hosted)) {
      const s = services.find((x) => x.slug === slug);
      expect(s, slug).toBeDefined();
      expect(s!.online).toBe('here');
      expect(s!.identity).toBe(true);
      expect(s!.department).toBe(department);
    }
    const licence = services.find((x) => x.slug === 'renew-driving-licence')!;
    expect(licence.name[0]).toContain('driving licence');
    expect(licence.name[1]).toContain('駕駛執照');
    expect(licence.name[2]).toContain('驾驶执照');
  });

  test('data modules stay small enough to read and review', () => {
    const dir = path.join(import.meta.dirname, '../../../src/portal/catalogue/content');
    for (const f of fs.readdirSync(dir)) {
      expect(fs.readFileSync(path.join(dir, f), 'utf8').split('\n').length, f).toBeLessThan(300);
    }
  });
});
