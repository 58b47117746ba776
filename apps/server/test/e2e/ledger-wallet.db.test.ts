import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { translator as walletTranslator, type MessageKey } from '../../../wallet/src/i18n/index.ts';
import { addPhoneAuthenticator, ensureWalletBuilt, registerInPwa } from '../../../wallet/test/support/pwa.ts';
import { translator } from '../../src/i18n/index.ts';
import { expectAccessible, launchBrowser, newContext, openSignInPage, phoneViewport } from '../support/browser.ts';
import { resident } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty, type RelyingParty } from '../support/relying-party.ts';

/**
 * The resident's side of the ledger in Chromium: after approving a sign-in, the wallet's
 * Activity verifies the log's signature and the inclusion proof in the browser and marks the
 * sign-in "recorded in the public ledger"; an approval this phone made that the ledger lacks
 * after the grace period is flagged. And the public /ledger/ page, in three languages, axe-clean.
 */
vi.setConfig({ testTimeout: 120_000 });
const t = walletTranslator('en');
const words = (key: string, vars?: Record<string, string>) => t(key as MessageKey, vars);

let p: Platform;
let rp: RelyingParty;
let browser: Browser;
let phone: BrowserContext;
let phonePage: Page;

beforeAll(async () => {
  ensureWalletBuilt();
  [p, browser] = await Promise.all([startPlatform({ LEDGER_INTERVAL_MS: '50' }, { hostname: 'localhost' }), launchBrowser()]);
  rp = await createRelyingParty(p.app, p.issuer, { fields: { required: ['name_en'], optional: ['email'] } });
  phone = await newContext(browser, { viewport: phoneViewport, locale: 'en-GB', hasTouch: true, isMobile: true });
  phonePage = await phone.newPage();
  await addPhoneAuthenticator(phone, phonePage);
});
afterAll(async () => {
  await browser?.close();
  await p?.close();
});

describe('the wallet checks its own history against the public ledger', () => {
  test('an approved sign-in is marked recorded only after the browser verified its proof; a missing approval is flagged', async () => {
    await registerInPwa(phonePage, p.issuer, resident(0), words, 'Test phone');
    const desktop = await newContext(browser, { locale: 'en-GB' });
    const checks = await rp.startLogin({ scope: 'openid profile email' });
    const { link, code } = await openSignInPage(await desktop.newPage(), checks.url);
    await phonePage.goto(link);
    await phonePage.locator('.code-choice', { hasText: code }).click();
    await phonePage.getByRole('button', { name: t('approve.approve') }).click();
    await phonePage.getByRole('heading', { level: 1, name: t('approve.approvedTitle') }).waitFor();
    await desktop.close();

    // The wallet pinned the log's key on first use; the sequencer integrates within a second.
    await new Promise((r) => setTimeout(r, 500));
    await phonePage.goto(`${p.issuer}/wallet/activity`);
    const signedIn = phonePage.locator('.timeline li', { hasText: t('activity.type.login.approved') });
    await signedIn.locator('[data-ledger="recorded"]').waitFor();
    expect(await signedIn.locator('[data-ledger="recorded"]').textContent()).toBe(t('ledger.recorded'));
    await phonePage.locator('[data-ledger="checked"]').waitFor();
    expect(await phonePage.locator('[data-ledger="missing"]').count()).toBe(0);
    expect(await phonePage.evaluate(() => localStorage.getItem('yat.ledger.vkey'))).toBe(p.app.ledger.vkey);

    // An approval this phone made 20 minutes ago that the ledger does not hold.
    await phonePage.evaluate((service) => localStorage.setItem('yat.ledger.approvals', JSON.stringify([{ at: Date.now() - 20 * 60_000, service }])), rp.clientId);
    await phonePage.reload();
    await phonePage.locator('[data-ledger="missing"]').waitFor();
    expect(await phonePage.getByRole('alert').textContent()).toContain('not in the public ledger');
  });

  test('a ledger signed by another key than the one pinned is not trusted: nothing is marked recorded', async () => {
    await phonePage.evaluate(() => localStorage.setItem('yat.ledger.vkey', 'localhost/ledger+00000000+AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
    await phonePage.goto(`${p.issuer}/wallet/activity`);
    await phonePage.locator('[data-ledger="untrusted"]').waitFor();
    expect(await phonePage.locator('[data-ledger="recorded"]').count()).toBe(0);
  });
});

describe('the public ledger page', () => {
  test('shows the tree size, checkpoint, verifier key and how to verify, in three languages, axe-clean', async () => {
    await p.app.audit.record(p.ctx.storage.db, { type: 'registration.completed', outcome: 'success', residentId: 'resident-page' });
    while (!(await p.app.ledger.store.latest())) await new Promise((r) => setTimeout(r, 50));
    for (const lang of ['en', 'zh-Hant', 'zh-Hans'] as const) {
      const context = await newContext(browser, { locale: lang });
      const page = await context.newPage();
      await page.goto(`${p.issuer}/ledger/?lang=${lang}`);
      expect(await page.locator('h1').textContent()).toBe(translator(lang)('ledger.title'));
      expect(await page.locator('[data-vkey]').textContent()).toBe(p.app.ledger.vkey);
      expect(Number((await page.locator('[data-tree-size]').textContent())!.replace(/,/g, ''))).toBeGreaterThan(0);
      await expectAccessible(page, lang);
      if (lang === 'en') {
        await page.setViewportSize(phoneViewport);
        await expectAccessible(page, lang);
      }
      await context.close();
    }
  }, 300_000);
});
