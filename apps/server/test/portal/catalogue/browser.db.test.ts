import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { langs } from '../../../src/i18n/index.ts';
import { axeViolations, launchBrowser, newContext, phoneViewport } from '../../support/browser.ts';
import { startPlatform, type Platform } from '../../support/platform.ts';

/**
 * The portal in a real Chromium: a newcomer searches in English and in Chinese, opens the
 * service and switches language; axe checks every page type in every language; and nothing
 * overflows a 375 px phone screen.
 */
let p: Platform;
let browser: Browser;

beforeAll(async () => {
  [p, browser] = await Promise.all([startPlatform(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await p?.close();
});

async function searchFromHome(page: Page, query: string): Promise<void> {
  await page.goto(`${p.issuer}/`);
  await page.getByRole('searchbox').fill(query);
  await page.getByRole('searchbox').press('Enter');
  await page.waitForURL(/\/search\?/);
}

describe('a newcomer finds the driving licence service', () => {
  test('searching "driving licence", opening the service and switching to Traditional Chinese', async () => {
    const context = await newContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await searchFromHome(page, 'driving licence');
    await page.getByRole('link', { name: 'Renew your full driving licence' }).first().click();
    await page.waitForURL(/\/services\/renew-driving-licence/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Renew your full driving licence');
    expect(await page.getByRole('link', { name: 'Start now' }).getAttribute('href')).toBe('/apply/renew-driving-licence?lang=en');

    await page.getByRole('link', { name: '繁體中文' }).click();
    await page.waitForURL(/\/services\/renew-driving-licence\?lang=zh-Hant/);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('續領正式駕駛執照');
    expect(await page.getByRole('link', { name: '立即開始' }).getAttribute('href')).toBe('/apply/renew-driving-licence?lang=zh-Hant');
    await context.close();
  });

  test('searching "駕駛執照", opening the service and switching to English and to Simplified Chinese', async () => {
    const context = await newContext(browser, { locale: 'zh-HK' });
    const page = await context.newPage();
    await searchFromHome(page, '駕駛執照');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant');
    await page.getByRole('link', { name: '續領正式駕駛執照' }).first().click();
    await page.waitForURL(/\/services\/renew-driving-licence/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('續領正式駕駛執照');

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Renew your full driving licence');
    await page.getByRole('link', { name: '简体中文' }).click();
    await page.waitForURL(/lang=zh-Hans/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('续领正式驾驶执照');
    // The choice is remembered: the home page now opens in Simplified Chinese.
    await page.goto(`${p.issuer}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hans');
    await context.close();
  });
});

const pageTypes = [
  '/',
  '/search',
  '/search?q=passport',
  '/search?q=licence&department=transport-department&online=1',
  '/search?q=zzqxv',
  '/categories/transport',
  '/life-events/having-a-baby',
  '/departments',
  '/departments/housing-department',
  '/services/renew-driving-licence',
  '/services/apply-hksar-passport',
  '/services/register-a-death',
  '/services/no-such-service',
  '/search?q=tax&page=0',
];
const withLang = (path: string, lang: string) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  for (const lang of langs) {
    test(`every page type in ${lang} has no violations`, async () => {
      const context = await newContext(browser);
      const page = await context.newPage();
      const found: string[] = [];
      for (const path of pageTypes) {
        await page.goto(p.issuer + withLang(path, lang));
        for (const v of await axeViolations(page)) found.push(`${path}: ${v.rule} (${v.nodes.join(', ')})`);
      }
      expect(found).toEqual([]);
      await context.close();
    }, 120_000);
  }
});

describe('on a 375 px phone', () => {
  test('no page scrolls sideways and the home page passes axe', async () => {
    const context = await newContext(browser, { viewport: phoneViewport, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const overflowing: string[] = [];
    for (const lang of langs) {
      for (const path of pageTypes) {
        await page.goto(p.issuer + withLang(path, lang));
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > phoneViewport.width) overflowing.push(`${withLang(path, lang)} is ${width}px wide`);
      }
    }
    expect(overflowing).toEqual([]);
    await page.goto(`${p.issuer}/?lang=en`);
    expect(await axeViolations(page)).toEqual([]);
    // The search box and its button are big enough to use with a thumb (WCAG 2.5.8).
    const button = await page.getByRole('button', { name: 'Search' }).boundingBox();
    expect(button!.height).toBeGreaterThanOrEqual(24);
    await context.close();
  }, 120_000);
});
