import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { langs, translator, type Lang } from '../../../src/i18n/index.ts';
import { startPlatform, type Platform } from '../../support/platform.ts';

/**
 * The portal's pages over real HTTP: every page type in every language, the "Start now" of
 * each kind of service, and the answers to slugs and queries that do not exist.
 */
let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(async () => {
  await p?.close();
});

async function get(path: string, accept = 'text/html') {
  const res = await fetch(p.issuer + path, { headers: { accept } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}
const h1 = (body: string) => /<h1>([^<]*)<\/h1>/.exec(body)?.[1];
const enc = encodeURIComponent;

const pageTypes: [path: string, h1: Record<Lang, string>][] = [
  ['/', { en: 'Government services in one place', 'zh-Hant': '一站式政府服務', 'zh-Hans': '一站式政府服务' }],
  ['/search?q=passport', { en: 'Search results', 'zh-Hant': '搜尋結果', 'zh-Hans': '搜索结果' }],
  ['/categories/housing', { en: 'Housing', 'zh-Hant': '房屋', 'zh-Hans': '房屋' }],
  ['/life-events/moving-home', { en: 'Moving home', 'zh-Hant': '搬屋', 'zh-Hans': '搬家' }],
  ['/departments', { en: 'Government departments', 'zh-Hant': '政府部門', 'zh-Hans': '政府部门' }],
  ['/departments/immigration-department', { en: 'Immigration Department', 'zh-Hant': '入境事務處', 'zh-Hans': '入境事务处' }],
  ['/services/renew-driving-licence', { en: 'Renew your full driving licence', 'zh-Hant': '續領正式駕駛執照', 'zh-Hans': '续领正式驾驶执照' }],
];

describe('every page type in every language', () => {
  for (const lang of langs) {
    test.each(pageTypes)(`%s in ${lang}`, async (path, headings) => {
      const r = await get(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
      expect(r.status).toBe(200);
      expect(r.type).toContain('text/html');
      expect(r.body).toContain(`<html lang="${lang}">`);
      expect(h1(r.body)).toBe(headings[lang]);
      // The switcher offers this very page in the other languages.
      const bare = path.replace(/&/g, '&amp;');
      for (const other of langs) {
        const href = `${bare}${path.includes('?') ? '&amp;' : '?'}lang=${other}`;
        expect(r.body).toContain(`<a href="${href}" lang="${other}"`);
        expect(r.body).toContain(`<link rel="alternate" hreflang="${other}" href="${href}">`);
      }
    });
  }

  test('without ?lang the browser\u2019s language decides', async () => {
    const res = await fetch(`${p.issuer}/`, { headers: { accept: 'text/html', 'accept-language': 'zh-HK,zh;q=0.9' } });
    expect(await res.text()).toContain('<html lang="zh-Hant">');
  });
});

describe('Start now', () => {
  test.each(['renew-driving-licence', 'register-as-voter', 'certified-copy-birth-record', 'apply-public-rental-housing', 'business-registration'])(
    'the hosted service %s starts on this portal, in the page\u2019s language',
    async (slug) => {
      for (const lang of langs) {
        const r = await get(`/services/${slug}?lang=${lang}`);
        expect(r.body).toContain(`<a class="button start" href="/apply/${slug}?lang=${lang}" data-start>${translator(lang)('catalogue.service.startNow')}</a>`);
      }
    },
  );

  test('a service online elsewhere links to the department\u2019s own site', async () => {
    const r = await get('/services/apply-hksar-passport?lang=en');
    expect(r.body).toMatch(/<a class="button start" href="https:\/\/www\.immd\.gov\.hk\/[^"]+" rel="noopener external" data-start>Start now<\/a>/);
    expect(r.body).toContain('You will apply on the Immigration Department website.');
  });

  test('a counter-only service says where to go instead of offering a button', async () => {
    const r = await get('/services/register-a-death?lang=zh-Hant');
    expect(r.body).not.toContain('data-start');
    expect(r.body).toContain('此服務不設網上申請，請親身辦理：');
    expect(r.body).toContain('灣仔告士打道7號入境事務大樓');
  });
});

describe('search pages', () => {
  test('"駕駛執照" lists the driving licence renewal first, linked in the page\u2019s language', async () => {
    const r = await get(`/search?q=${enc('駕駛執照')}&lang=zh-Hant`);
    const first = /<ul class="services">\s*<li><h2><a href="([^"]+)">([^<]+)<\/a>/.exec(r.body);
    expect(first?.[1]).toBe('/services/renew-driving-licence?lang=zh-Hant');
    expect(first?.[2]).toBe('續領正式駕駛執照');
  });

  test('filters narrow the results and stay selected', async () => {
    const r = await get('/search?q=licence&department=transport-department&online=1&lang=en');
    expect(r.status).toBe(200);
    expect(r.body).toContain('<option value="transport-department" selected>');
    expect(r.body).toMatch(/<input id="online" name="online" type="checkbox" value="1" checked>/);
    const metas = [...r.body.matchAll(/<p class="meta">([^<]*) <span class="tag tag-(\w+)"/g)];
    expect(metas.length).toBeGreaterThan(0);
    for (const m of metas) {
      expect(m[1]).toBe('Transport Department');
      expect(m[2]).not.toBe('counter');
    }
  });

  test('a filter without words lists every matching service', async () => {
    const r = await get('/search?category=elections&lang=en');
    expect(r.body).toMatch(/\d+ services<\/p>/);
    expect(r.body).toContain('/services/register-as-voter?lang=en');
  });

  test('the JSON variant answers programs', async () => {
    const r = await get(`/api/catalogue/search?q=${enc('驾驶执照')}`, 'application/json');
    const json = JSON.parse(r.body) as { total: number; results: { slug: string; name: Record<Lang, string> }[] };
    expect(json.results[0]!.slug).toBe('renew-driving-licence');
    expect(json.results[0]!.name['zh-Hans']).toBe('续领正式驾驶执照');
  });
});

describe('what does not exist', () => {
  test.each(['/services/no-such-service', '/departments/no-such-department', '/categories/no-such-topic', '/life-events/no-such-event'])(
    '%s is a 404 page in the reader\u2019s language',
    async (path) => {
      const r = await get(`${path}?lang=zh-Hans`);
      expect(r.status).toBe(404);
      expect(r.body).toContain('<html lang="zh-Hans">');
      expect(r.body).toMatch(/找不到/);
    },
  );

  test.each([
    [`q=${'a'.repeat(201)}`, 'Use 200 characters or fewer'],
    ['q=tax&department=ministry-of-magic', 'There is no department “ministry-of-magic”'],
    ['q=tax&category=%3Cscript%3E', 'There is no topic “&lt;script&gt;”'],
    ['q=tax&online=yes', 'can only be switched on (1) or off (0)'],
    ['q=tax&page=0', 'whole number from 1 to 50'],
    ['q=tax&page=abc', 'whole number from 1 to 50'],
  ])('/search?%s is a 400 saying what to change', async (query, message) => {
    const r = await get(`/search?${query}&lang=en`);
    expect(r.status).toBe(400);
    expect(r.body).toContain(message);
  });

  test('a repeated parameter uses the first value rather than failing', async () => {
    const r = await get('/search?q=passport&q=tax&lang=en');
    expect(r.status).toBe(200);
    expect(r.body).toContain('value="passport"');
  });
});

test('search is rate-limited per client', async () => {
  let last = 0;
  for (let i = 0; i < 125 && last !== 429; i++) last = (await fetch(`${p.issuer}/api/catalogue/search?q=tax`)).status;
  expect(last).toBe(429);
});
