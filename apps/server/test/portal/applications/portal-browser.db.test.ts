import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { approveRequest, type WalletState } from '../../../../../packages/cli/src/wallet/headless-wallet.ts';
import { langs, translator } from '../../../src/i18n/index.ts';
import { expectAccessible, launchBrowser, newContext, phoneViewport } from '../../support/browser.ts';
import { registeredWallet } from '../../support/login.ts';
import { startPlatform, type Platform } from '../../support/platform.ts';
import { departmentClient } from './portal-support.ts';

/**
 * The whole journey in a real browser: a resident opens a hosted service, signs in with the
 * wallet, gets the form wrong and then right, submits, and sees the reference; the department
 * approves it through its API; the resident sees the new status and the inbox message.
 * Every page type on the way is checked by axe-core in the three languages.
 */
const t = translator('en');
const zh = translator('zh-Hant');
vi.setConfig({ testTimeout: 120_000 });

let p: Platform;
let browser: Browser;
let wallet: WalletState;

beforeAll(async () => {
  [p, browser] = await Promise.all([startPlatform(), launchBrowser()]);
  wallet = await registeredWallet(p);
});
afterAll(async () => {
  await browser?.close();
  await p?.close();
});

/** Every language of the page now shown (through the language switcher's `?lang=`). */
async function expectAccessibleInEveryLanguage(page: Page): Promise<void> {
  const url = new URL(page.url());
  for (const lang of langs) {
    url.searchParams.set('lang', lang);
    await page.goto(url.href);
    await expectAccessible(page, lang);
  }
  url.searchParams.set('lang', 'en');
  await page.goto(url.href);
}

/**
 * Signs in from where the browser stands: the wallet approves what the page's link shows.
 * With JavaScript the page moves on by itself; without, the resident follows its "check
 * again" link (the same URL).
 */
async function signInWithWallet(page: Page, expectedPath: string, js = true) {
  await page.waitForURL(/\/interaction\/[A-Za-z0-9_-]+/);
  const link = await page.locator('[data-wallet-link]').getAttribute('href');
  const code = (await page.locator('[data-verification-code]').textContent())!.trim();
  wallet = (await approveRequest(wallet, link!, 'all', code)).state;
  if (!js) await page.goto(page.url());
  await page.waitForURL((u) => u.pathname === expectedPath);
}

describe('a resident applies online and follows the application', () => {
  test('from the service to the decision, accessible on every page in every language', async () => {
    const context = await newContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();

    await page.goto(`${p.issuer}/apply/renew-driving-licence`);
    await signInWithWallet(page, '/apply/renew-driving-licence');
    expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe('Renew your full driving licence');
    // Pre-filled from e-ME, as shared in the wallet.
    expect(await page.getByLabel('Full name').inputValue()).toBe('CHAN Tai Man');
    expect(await page.getByLabel('Identity card number').inputValue()).toBe('A123456(3)');
    // With JavaScript, the parts that do not apply yet are hidden.
    expect(await page.getByLabel('Describe the condition').isVisible()).toBe(false);
    await page.getByRole('group', { name: 'Do you have a medical condition that may affect your driving?' }).getByLabel('Yes').check();
    expect(await page.getByLabel('Describe the condition').isVisible()).toBe(true);
    await page.getByRole('group', { name: 'Do you have a medical condition that may affect your driving?' }).getByLabel('No').check();
    await expectAccessibleInEveryLanguage(page);

    // Submitting without the licence number and declaration: messages at the top and by the fields.
    await page.getByRole('button', { name: t('applications.form.submit') }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('#f-licence_number-error').textContent()).toContain('Enter your driving licence number');
    expect(await page.locator('.error-summary').evaluate((el) => el === document.activeElement)).toBe(true);
    // Each message is written for its question (GOV.UK style), in the page's language.
    expect(await page.locator('.error-summary').textContent()).toContain('Select yes if your address has changed');
    expect(await page.locator('.error-summary').textContent()).toContain('Select the vehicle classes you want to renew');
    await page.getByRole('link', { name: 'Enter your driving licence number' }).click();
    expect(await page.locator('#f-licence_number').evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(page, 'en');

    await page.getByLabel('Driving licence number').fill('A123456');
    await page.getByLabel('Class 1: private car').check();
    await page.getByRole('group', { name: 'Has your address changed since your licence was issued?' }).getByLabel('No').check();
    await page.getByRole('group', { name: 'Do you have a medical condition that may affect your driving?' }).getByLabel('No').check();
    await page.getByLabel(/I declare that the information/).check();
    await page.getByRole('button', { name: t('applications.form.submit') }).click();

    await page.waitForURL(/\/applications\/TD-\d{4}-\d{6}/);
    expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(t('applications.detail.submittedTitle'));
    const reference = (await page.locator('.reference').textContent())!;
    expect(reference).toMatch(/^TD-\d{4}-\d{6}$/);
    expect((await page.locator('[data-status]').textContent())?.trim()).toBe(t('applications.status.submitted'));
    await expectAccessibleInEveryLanguage(page);

    // The Transport Department's back office approves it.
    const td = await departmentClient(p, 'Transport Department');
    expect((await td.call('POST', `/api/department/applications/${reference}/status`, { status: 'approved', note: 'Your new licence will be posted to you within 10 working days.' })).status).toBe(200);

    await page.goto(`${p.issuer}/applications/${reference}`);
    expect((await page.locator('[data-status]').textContent())?.trim()).toBe(t('applications.status.approved'));
    expect(await page.locator('.timeline').textContent()).toContain('Your new licence will be posted to you');
    await expectAccessibleInEveryLanguage(page);

    await page.getByRole('link', { name: /Inbox/ }).click();
    expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(t('applications.inbox.title'));
    expect(await page.getByRole('navigation', { name: t('applications.nav.label') }).textContent()).toContain('2 unread');
    await expectAccessibleInEveryLanguage(page);
    await page.getByRole('link', { name: `New Application ${reference}: Approved` }).click();
    expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(`Application ${reference}: Approved`);
    expect(await page.getByRole('navigation', { name: t('applications.nav.label') }).textContent()).toContain('1 unread');
    await expectAccessibleInEveryLanguage(page);

    await page.getByRole('link', { name: t('applications.nav.applications') }).click();
    expect(await page.getByRole('link', { name: reference }).isVisible()).toBe(true);
    await expectAccessibleInEveryLanguage(page);

    // Signing out ends the portal session (the provider asks to confirm its own sign-out).
    await page.getByRole('button', { name: t('applications.nav.signOut') }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/oidc/session/end'));
    await page.goto(`${p.issuer}/applications`);
    await page.waitForURL(/\/interaction\//);
    await context.close();
  });

  test('the form works without JavaScript', async () => {
    const context = await newContext(browser, { locale: 'zh-HK', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${p.issuer}/apply/business-registration`);
    await signInWithWallet(page, '/apply/business-registration', false);
    // Without the script every part shows, each saying when it applies.
    expect(await page.locator('#f-partners').isVisible()).toBe(true);
    await page.getByRole('button', { name: zh('applications.form.submit') }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('#f-business_name-error').textContent()).toContain('請輸入英文業務名稱');
    await context.close();
  });

  test('the form, its errors and the applications list fit a phone screen', async () => {
    const context = await newContext(browser, { locale: 'zh-HK', viewport: phoneViewport });
    const page = await context.newPage();
    const fits = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phoneViewport.width);
    await page.goto(`${p.issuer}/apply/apply-public-rental-housing`);
    await signInWithWallet(page, '/apply/apply-public-rental-housing');
    await expectAccessible(page, 'zh-Hant');
    await fits();
    await page.getByRole('button', { name: zh('applications.form.submit') }).click();
    await page.locator('.error-summary').waitFor();
    await expectAccessible(page, 'zh-Hant');
    await fits();
    await page.goto(`${p.issuer}/applications`);
    await fits();
    await context.close();
  });
});
