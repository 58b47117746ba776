import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { approveRequest, declineRequest, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { langs, translator, type Lang } from '../../src/i18n/index.ts';
import { expectAccessible, launchBrowser, newContext, openSignInPage, phoneViewport, startServiceSite, type ServiceSite } from '../support/browser.ts';
import { registeredWallet } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty, type RelyingParty } from '../support/relying-party.ts';

/**
 * Every page type the platform serves, checked by axe-core in a real browser against
 * WCAG 2.2 AA, in each of the three languages (and the sign-in page at phone width).
 */
// Each wait may take up to 30 s on a busy machine; a test must outlast its waits to report them.
vi.setConfig({ testTimeout: 90_000 });

let p: Platform;
let rp: RelyingParty;
let wallet: WalletState;
let browser: Browser;
let site: ServiceSite;

beforeAll(async () => {
  [p, browser, site] = await Promise.all([startPlatform(), launchBrowser(), startServiceSite()]);
  rp = await createRelyingParty(p.app, p.issuer, { redirectUri: site.redirectUri, scope: 'openid profile email phone' });
  // Registering sends the one-time code, so the development outbox has a message to show.
  wallet = await registeredWallet(p);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await p?.close();
});

async function withPage(lang: Lang, fn: (page: Page) => Promise<void>, viewport?: { width: number; height: number }) {
  const context = await newContext(browser, { ...(viewport ? { viewport } : {}), locale: lang });
  try {
    await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

/** A sign-in page this browser started, shown in `lang`. */
async function signInPage(page: Page, lang: Lang) {
  const checks = await rp.startLogin();
  const { uid, link, code } = await openSignInPage(page, checks.url);
  await page.goto(`${p.issuer}/interaction/${uid}?lang=${lang}`);
  return { uid, link, code };
}

describe.each(langs.map((lang) => [lang]))('in %s', (lang) => {
  const t = translator(lang);
  // The wallet app's screens have their own checks (wallet-accessibility.db.test.ts).
  const simplePages: Array<[string, string, number]> = [
    ['the home page', '/', 200],
    ['the development outbox with a message', '/dev/outbox', 200],
    ['the API reference', '/api/docs', 200],
    ['the error page', '/interaction/doesnotexist', 400],
    ['the not-found page', '/no/such/page', 404],
  ];

  test.each(simplePages)('%s is accessible', async (_name, path, status) => {
    await withPage(lang, async (page) => {
      const res = await page.goto(`${p.issuer}${path}?lang=${lang}`);
      expect(res?.status()).toBe(status);
      // Pages drawn by a script (the wallet app) are checked once drawn: a heading and the language.
      await page.locator('h1').first().waitFor();
      await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
      if (path === '/dev/outbox') expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
      await expectAccessible(page, lang);
    });
  });

  test('the sign-in page is accessible while waiting and once expired', async () => {
    await withPage(lang, async (page) => {
      const { uid } = await signInPage(page, lang);
      await page.getByRole('status').filter({ hasText: t('login.waiting') }).waitFor();
      await expectAccessible(page, lang);
      // The page's script notices the expiry on its next status check and says so.
      await p.ctx.storage.db.updateTable('login_requests').set({ expires_at: Date.now() - 1 }).where('interaction_uid', '=', uid).execute();
      await page.getByRole('status').filter({ hasText: t('login.expired') }).waitFor();
      await page.getByRole('link', { name: t('login.newCode') }).waitFor();
      await expectAccessible(page, lang);
    });
  });

  test('the sign-in page is accessible once declined', async () => {
    await withPage(lang, async (page) => {
      const { link } = await signInPage(page, lang);
      await declineRequest(wallet, link);
      await page.getByRole('status').filter({ hasText: t('login.declined') }).waitFor();
      await expectAccessible(page, lang);
    });
  });

  test('the logout confirmation is accessible', async () => {
    await withPage(lang, async (page) => {
      // The provider asks for confirmation only when the browser has a session: sign in first.
      const { link, code } = await signInPage(page, lang);
      wallet = (await approveRequest(wallet, link, 'all', code)).state;
      await page.waitForURL((url) => url.href.startsWith(rp.redirectUri));
      const res = await page.goto(`${p.issuer}/oidc/session/end?lang=${lang}`);
      expect(res?.status()).toBe(200);
      await page.getByRole('heading', { name: t('logout.question') }).waitFor();
      await expectAccessible(page, lang);
    });
  });

  test('the sign-in page is accessible at phone width', async () => {
    await withPage(
      lang,
      async (page) => {
        await signInPage(page, lang);
        await expectAccessible(page, lang);
        // Nothing may force sideways scrolling on a 375px screen.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phoneViewport.width);
      },
      phoneViewport,
    );
  });
});
