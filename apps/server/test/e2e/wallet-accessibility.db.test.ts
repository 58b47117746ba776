import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { langs, translator, type Lang, type MessageKey } from '../../../wallet/src/i18n/index.ts';
import { addPhoneAuthenticator, ensureWalletBuilt, registerInPwa, registrationCode } from '../../../wallet/test/support/pwa.ts';
import { axeViolations, launchBrowser, newContext, phoneViewport } from '../support/browser.ts';
import { resident, showSignInPage } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty, type RelyingParty } from '../support/relying-party.ts';

/**
 * Every wallet screen at a phone's width (375 px), checked by axe-core against WCAG 2.2 AA
 * in each of the three languages; the screen's heading and <html lang> follow the language.
 */
vi.setConfig({ testTimeout: 180_000 });

let p: Platform;
let rp: RelyingParty;
let browser: Browser;
let registered: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureWalletBuilt();
  [p, browser] = await Promise.all([startPlatform({}, { hostname: 'localhost' }), launchBrowser()]);
  rp = await createRelyingParty(p.app, p.issuer, { fields: { required: ['name_en'], optional: ['email', 'phone', 'preferred_email'] } });
  registered = await newContext(browser, { viewport: phoneViewport, locale: 'en-GB', isMobile: true, hasTouch: true });
  page = await registered.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await addPhoneAuthenticator(registered, page);
  await registerInPwa(page, p.issuer, resident(1), (k, v) => translator('en')(k as MessageKey, v), 'Test phone');
});

afterAll(async () => {
  await browser?.close();
  await p?.close();
});

async function expectAccessible(pg: Page, lang: Lang, heading: string): Promise<void> {
  await pg
    .getByRole('heading', { level: 1, name: heading })
    .waitFor()
    .catch(async (err: Error) => {
      throw new Error(`${err.message}\nthe page shows: ${await pg.locator('body').innerText()}\nscript errors: ${pageErrors.join('; ')}`);
    });
  expect(await pg.locator('html').getAttribute('lang')).toBe(lang);
  expect(await axeViolations(pg), `axe on ${pg.url()} (${lang})`).toEqual([]);
  // Nothing wider than the phone: no sideways scrolling at 375 px.
  expect(await pg.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phoneViewport.width);
}

describe.each(langs)('wallet screens in %s at 375 px', (lang) => {
  const t = translator(lang);

  test('first visit: welcome, the three registration steps (and an error), scan, a wrong link, an unknown path', async () => {
    const context = await newContext(browser, { viewport: phoneViewport, locale: lang });
    const pg = await context.newPage();
    await pg.goto(`${p.issuer}/wallet/?lang=${lang}`);
    await expectAccessible(pg, lang, t('welcome.title'));
    await pg.getByRole('link', { name: t('welcome.register') }).click();
    await expectAccessible(pg, lang, t('register.title'));
    // An error (nothing entered) is shown accessibly too.
    await pg.getByRole('button', { name: t('register.continue') }).click();
    await pg.getByRole('main').getByText(t('register.missing.idNumber')).waitFor();
    await expectAccessible(pg, lang, t('register.title'));
    await pg.getByLabel(t('register.idNumber')).fill(resident(2).idNumber);
    await pg.getByLabel(t('register.dob')).fill(resident(2).dob);
    const since = Date.now();
    await pg.getByRole('button', { name: t('register.continue') }).click();
    await pg.getByLabel(t('register.code')).waitFor();
    await expectAccessible(pg, lang, t('register.title'));
    await pg.getByLabel(t('register.code')).fill(await registrationCode(p.issuer, since));
    await pg.getByRole('button', { name: t('register.continue') }).click();
    await pg.getByLabel(t('register.deviceName')).waitFor();
    await expectAccessible(pg, lang, t('register.title'));
    await pg.goto(`${p.issuer}/wallet/scan`);
    await expectAccessible(pg, lang, t('scan.title'));
    await pg.getByLabel(t('scan.link')).fill('https://example.com/not-a-login');
    await pg.getByRole('button', { name: t('scan.open'), exact: true }).click();
    await pg.getByText(t('scan.badLink')).waitFor();
    await expectAccessible(pg, lang, t('scan.title'));
    await pg.goto(`${p.issuer}/wallet/nowhere`);
    await expectAccessible(pg, lang, t('app.notFound'));
    await context.close();
  });

  test('signed in: profile, services, activity, devices, approval, approved, locked', async () => {
    await page.goto(`${p.issuer}/wallet/?lang=${lang}`);
    await expectAccessible(page, lang, t('profile.title'));
    for (const [path, key] of [['services', 'services.title'], ['requests', 'ciba.title'], ['activity', 'activity.title'], ['devices', 'devices.title']] as const) {
      await page.goto(`${p.issuer}/wallet/${path}`);
      await expectAccessible(page, lang, t(key));
    }
    await page.getByRole('button', { name: t('devices.removeLabel', { device: 'Test phone' }) }).click();
    await expectAccessible(page, lang, t('devices.title'));

    const { link, code } = await showSignInPage(p, rp, { scope: 'openid profile email phone yat:preferred_email' });
    await page.goto(link);
    await expectAccessible(page, lang, t('approve.title', { service: 'Library card service' }));
    await page.locator('.code-choice', { hasText: code }).click();
    await page.getByRole('button', { name: t('approve.approve') }).click();
    await expectAccessible(page, lang, t('approve.approvedTitle'));

    await page.goto(`${p.issuer}/wallet/services`);
    await expectAccessible(page, lang, t('services.title'));
    await page.getByRole('button', { name: t('services.revokeLabel', { service: 'Library card service' }) }).click();
    await expectAccessible(page, lang, t('services.title'));

    await page.getByRole('button', { name: t('app.lock') }).click();
    await expectAccessible(page, lang, t('unlock.title'));
    await page.getByRole('button', { name: t('unlock.button') }).click();
    await expectAccessible(page, lang, t('services.title'));
  });
});
