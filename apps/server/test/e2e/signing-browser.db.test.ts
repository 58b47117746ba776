import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { startLibraryCard } from '../../../../examples/library-card/src/start.ts';
import { startDemoAgainst } from '../../../../examples/library-card/test/demo-against.ts';
import { translator, type MessageKey } from '../../../wallet/src/i18n/index.ts';
import { addPhoneAuthenticator, ensureWalletBuilt, registerInPwa } from '../../../wallet/test/support/pwa.ts';
import { translator as serverTranslator } from '../../src/i18n/index.ts';
import { run, tmpDir } from '../signing/tools.ts';
import { expectAccessible, launchBrowser, newContext, phoneViewport } from '../support/browser.ts';
import { resident } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';

/**
 * Signing in a real browser: a plus resident logs in to the demo library-card service, submits
 * the application and asks to sign it; the phone's wallet PWA shows the service, the PDF's name
 * and SHA-256 fingerprint and the same verification code as the desktop, and signs with the
 * device key; the service gets a signed PDF that poppler's pdfsig accepts. /verify and the
 * wallet's signing screens pass axe in the three languages.
 */
vi.setConfig({ testTimeout: 180_000 });
const t = translator('en');
const words = (k: string, v?: Record<string, string>) => t(k as MessageKey, v);

let p: Platform;
let lib: Awaited<ReturnType<typeof startLibraryCard>>;
let demo: Awaited<ReturnType<typeof startDemoAgainst>>;
let browser: Browser;
let phone: BrowserContext;
let phonePage: Page;
let desktop: BrowserContext;
let desk: Page;
const dir = tmpDir();

beforeAll(async () => {
  ensureWalletBuilt();
  [p, browser] = await Promise.all([startPlatform({}, { hostname: 'localhost' }), launchBrowser()]);
  demo = await startDemoAgainst(p);
  lib = demo.lib;
  phone = await newContext(browser, { viewport: phoneViewport, locale: 'en-GB', isMobile: true, hasTouch: true });
  phonePage = await phone.newPage();
  await addPhoneAuthenticator(phone, phonePage);
  desktop = await newContext(browser, { locale: 'en-GB', acceptDownloads: true });
  desk = await desktop.newPage();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await p?.close();
});

describe('signing with the wallet PWA', () => {
  test('the demo service gets its application PDF signed on the phone, and pdfsig accepts it', async () => {
    const r = resident(0);
    await registerInPwa(phonePage, p.issuer, r, words, 'Test phone');
    // The plus level comes from a registration counter (another capability): set it directly here.
    await p.ctx.storage.db.updateTable('residents').set({ assurance: 'plus' }).execute();

    await desk.goto(`${lib.baseUrl}/`);
    await desk.locator('[data-login-with-yat]').click();
    await desk.waitForURL(/\/interaction\//);
    const loginLink = await desk.locator('[data-wallet-link]').getAttribute('href');
    const loginCode = (await desk.locator('[data-verification-code]').textContent())!.trim();
    await phonePage.goto(loginLink!);
    await phonePage.locator('.code-choice', { hasText: loginCode }).click();
    await phonePage.getByRole('button', { name: t('approve.approve') }).click();
    await phonePage.getByRole('heading', { level: 1, name: t('approve.approvedTitle') }).waitFor();
    await desk.waitForURL(`${lib.baseUrl}/apply`);
    await desk.getByRole('button', { name: 'Submit application' }).click();
    const ref = await desk.locator('[data-reference]').getAttribute('data-reference');
    await desk.locator('[data-sign-application]').click();
    await desk.waitForURL(`${lib.baseUrl}/sign`);
    const code = (await desk.locator('[data-verification-code]').textContent())!.trim();
    expect(code).toMatch(/^\d{4}$/);
    expect(await desk.locator('.qr img').isVisible()).toBe(true);
    const signLink = (await desk.locator('[data-wallet-link]').getAttribute('href'))!;
    expect(signLink).toMatch(/\/wallet\/sign#/);

    // The wallet's signing screen, in the three languages, before approving.
    const [base, hash] = signLink.split('#');
    for (const lang of ['zh-Hant', 'zh-Hans', 'en'] as const) {
      await phonePage.goto(`${base}?lang=${lang}#${hash}`);
      await phonePage.getByRole('heading', { level: 1, name: translator(lang)('sign.title', { service: 'Library card application' }) }).waitFor();
      await expectAccessible(phonePage, lang);
    }
    expect((await phonePage.locator('[data-verification-code]').textContent())!.trim()).toBe(code);
    await expect.poll(() => phonePage.getByText(`${ref}.pdf`).isVisible()).toBe(true);
    expect(await phonePage.locator('.fingerprint code').textContent()).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    await phonePage.getByRole('button', { name: t('sign.approve') }).click();
    await phonePage.getByRole('heading', { level: 1, name: t('sign.signedTitle') }).waitFor();
    await expectAccessible(phonePage, 'en');

    await desk.getByRole('link', { name: 'I have approved on my phone' }).click();
    await desk.locator('[data-signed]').waitFor();
    const download = await Promise.all([desk.waitForEvent('download'), desk.locator('[data-signed-pdf]').click()]).then(([d]) => d);
    const file = path.join(dir, 'signed-application.pdf');
    await download.saveAs(file);
    const out = run('pdfsig', [file]).out;
    expect(out).toContain('Signature is Valid.');
    expect(out).toContain('ETSI.CAdES.detached');
    expect(out).toContain(`${r.nameEn.family} ${r.nameEn.given}`);

    // The public verification page says the same, and passes axe with its result.
    const v = await newContext(browser, { viewport: phoneViewport });
    const page = await v.newPage();
    for (const lang of ['en', 'zh-Hant', 'zh-Hans'] as const) {
      await page.goto(`${p.issuer}/verify?lang=${lang}`);
      await expectAccessible(page, lang);
      await page.locator('#signature').setInputFiles(file);
      await page.getByRole('button', { name: serverTranslator(lang)('signing.verify.submit') }).click();
      await page.locator('[data-verify-result="valid"]').waitFor();
      await expectAccessible(page, lang);
    }
    fs.writeFileSync(path.join(dir, 'broken.pdf'), Buffer.from(fs.readFileSync(file).toString('latin1').replace('Library card', 'Library cart'), 'latin1'));
    await page.locator('#signature').setInputFiles(path.join(dir, 'broken.pdf'));
    await page.getByRole('button', { name: serverTranslator('zh-Hans')('signing.verify.submit') }).click();
    await page.locator('[data-verify-result="invalid"]').waitFor();
    await v.close();
  });
});
