import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { approveRequest, type WalletState } from '../../../packages/cli/src/wallet/headless-wallet.ts';
import { expectAccessible, launchBrowser, newContext, phoneViewport } from '../../../apps/server/test/support/browser.ts';
import { registeredWallet, resident } from '../../../apps/server/test/support/login.ts';
import { startPlatform, type Platform } from '../../../apps/server/test/support/platform.ts';
import type { startLibraryCard } from '../src/start.ts';
import { startDemoAgainst } from './demo-against.ts';

/** The demo service in a real browser at phone width: a whole login, and axe on its pages in every language. */
vi.setConfig({ testTimeout: 90_000 });

let p: Platform;
let lib: Awaited<ReturnType<typeof startLibraryCard>>;
let wallet: WalletState;
let browser: Browser;
let demo: Awaited<ReturnType<typeof startDemoAgainst>>;

beforeAll(async () => {
  [p, browser] = await Promise.all([startPlatform(), launchBrowser()]);
  demo = await startDemoAgainst(p);
  lib = demo.lib;
  wallet = await registeredWallet(p);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await p?.close();
});

test('log in with Yat from the library service, get the form pre-filled, and every page passes axe in three languages', async () => {
  const context = await newContext(browser, { viewport: phoneViewport });
  try {
    const page = await context.newPage();
    await page.goto(`${lib.baseUrl}/`);
    await expectAccessible(page, 'en');
    await page.getByRole('link', { name: 'Log in with Yat' }).click();
    await page.waitForURL(/\/interaction\//);
    const link = await page.locator('[data-wallet-link]').getAttribute('href');
    const code = (await page.locator('[data-verification-code]').textContent())!.trim();
    wallet = (await approveRequest(wallet, link!, ['name_en', 'birthdate'], code)).state;
    // The sign-in page's script notices the approval and takes the browser back to the service.
    await page.waitForURL(`${lib.baseUrl}/apply`);
    await expect.poll(() => page.locator('#nameEn').inputValue()).toBe(`${resident().nameEn.family} ${resident().nameEn.given}`);
    expect(await page.locator('#email').inputValue()).toBe('');
    for (const lang of ['en', 'zh-Hant', 'zh-Hans']) {
      await page.goto(`${lib.baseUrl}/apply?lang=${lang}`);
      await expectAccessible(page, lang);
      await page.goto(`${lib.baseUrl}/?lang=${lang}`);
      await expectAccessible(page, lang);
    }
    // Submitting with a missing answer shows the error summary; that page is checked too.
    await page.goto(`${lib.baseUrl}/apply?lang=en`);
    await page.getByRole('button', { name: 'Submit application' }).click();
    await expect.poll(() => page.locator('[role="alert"]').count()).toBe(1);
    await expectAccessible(page, 'en');
  } finally {
    await context.close();
  }
});
