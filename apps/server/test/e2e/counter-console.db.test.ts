import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { translator as walletTranslator, type MessageKey } from '../../../wallet/src/i18n/index.ts';
import { addPhoneAuthenticator, ensureWalletBuilt, registerInPwa } from '../../../wallet/test/support/pwa.ts';
import { approveRequest, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { translator } from '../../src/i18n/index.ts';
import { formatIdNumber } from '../../src/identity/id-number.ts';
import { expectAccessible, launchBrowser, newContext, openSignInPage, phoneViewport, screenshot as shot, startServiceSite, type ServiceSite } from '../support/browser.ts';
import { registeredWallet, resident } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty, type RelyingParty } from '../support/relying-party.ts';

/**
 * The counter in a real browser: the staff member's tablet (the counter console, signed in with
 * the staff member's own wallet) and the resident's phone (the wallet PWA with a platform
 * authenticator) in two browser contexts. Upgrade to plus, recovery onto a new phone, and axe
 * on every new page in three languages. With YAT_SCREENSHOTS=DIR the pages are photographed.
 */
vi.setConfig({ testTimeout: 300_000 });

const w = walletTranslator('en');
const words = (key: string, vars?: Record<string, string>) => w(key as MessageKey, vars);
const c = translator('en');
const langs = ['en', 'zh-Hant', 'zh-Hans'] as const;
const tablet = { width: 1024, height: 768 };

let p: Platform;
let browser: Browser;
let site: ServiceSite;
let rp: RelyingParty;
let staffWallet: WalletState;
let counter: BrowserContext;
let desk: Page;

async function newPhone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, { viewport: phoneViewport, locale: 'en-GB', hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await addPhoneAuthenticator(context, page);
  return { context, page };
}

beforeAll(async () => {
  ensureWalletBuilt();
  [p, browser, site] = await Promise.all([startPlatform({}, { hostname: 'localhost' }), launchBrowser(), startServiceSite()]);
  rp = await createRelyingParty(p.app, p.issuer, { redirectUri: site.redirectUri });
  staffWallet = await registeredWallet(p, 0);
  await p.app.staff.grant({ residentId: staffWallet.residentId, role: 'counter', counterId: 'gpo', grantedBy: 'cli', bootstrap: true });

  // The staff member signs in to the console on the counter's tablet with their own wallet.
  counter = await newContext(browser, { viewport: tablet, locale: 'en-GB' });
  desk = await counter.newPage();
  for (const lang of ['zh-Hant', 'zh-Hans', 'en'] as const) {
    await desk.goto(`${p.issuer}/console/?lang=${lang}`);
    await shot(desk, `console-sign-in-${lang}`);
  }
  await desk.getByRole('link', { name: c('consoles.signIn') }).click();
  await desk.waitForURL(/\/interaction\//);
  const link = await desk.locator('[data-wallet-link]').getAttribute('href');
  staffWallet = (await approveRequest(staffWallet, link!, 'all', (await desk.locator('[data-verification-code]').textContent())!.trim())).state;
  await desk.waitForURL(`${p.issuer}/console/`);
  await desk.getByRole('link', { name: c('consoles.counterConsole') }).click();
  await desk.getByRole('heading', { level: 1, name: c('counter.title') }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await p?.close();
});

describe('the counter console and the wallet', () => {
  test('upgrade: the resident shows a code, staff check the document and confirm, the resident confirms; the next ID token carries acr plus', async () => {
    const phone = await newPhone();
    await registerInPwa(phone.page, p.issuer, resident(1), words, 'Resident phone');
    await phone.page.getByRole('link', { name: w('upgrade.link') }).click();
    const codeText = await phone.page.locator('[data-upgrade-code]').textContent();
    expect(codeText).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await phone.page.locator('img.qr').getAttribute('alt')).toBe(w('upgrade.qrAlt'));
    await shot(phone.page, 'wallet-upgrade-code-en');

    // The staff member types (or scans) the code and sees the registry record, identity number masked.
    await desk.getByLabel(c('counter.codeLabel')).fill(codeText!.toLowerCase());
    await desk.getByRole('button', { name: c('counter.find') }).first().click();
    await desk.getByRole('heading', { level: 1, name: c('counter.checkTitle') }).waitFor();
    expect(await desk.locator('.record').textContent()).toContain('WONG Ka Yan');
    expect(await desk.locator('[data-masked-id]').textContent()).toBe('A234***(*)');
    await expectAccessible(desk, 'en');
    await shot(desk, 'counter-console-record-en');
    await desk.getByLabel(c('counter.documentType')).selectOption('hkid');
    await desk.getByLabel(c('counter.documentNumber')).fill(formatIdNumber(resident(1).idNumber));
    await desk.getByLabel(c('counter.checked')).check();
    await desk.getByRole('button', { name: c('counter.confirmUpgrade') }).click();
    await desk.getByRole('heading', { level: 1, name: c('counter.upgradeConfirmedTitle') }).waitFor();
    await expectAccessible(desk, 'en');
    expect((await p.app.residents.findById((await p.app.residents.findIdByRegistryRef(p.ctx.crypto.lookupHash(resident(1).idNumber)))!))!.assurance).toBe('standard');

    // The phone notices by itself and asks the resident to confirm with user verification.
    await phone.page.getByRole('button', { name: w('upgrade.confirm') }).click();
    await phone.page.getByRole('heading', { level: 1, name: w('upgrade.doneTitle') }).waitFor();
    await expectAccessible(phone.page, 'en');
    await shot(phone.page, 'wallet-upgrade-done-en');

    // The next login: the ID token says plus.
    const browserContext = await newContext(browser, { locale: 'en-GB' });
    const computer = await browserContext.newPage();
    const checks = await rp.startLogin({ scope: 'openid profile' });
    const { link, code } = await openSignInPage(computer, checks.url);
    await phone.page.goto(link);
    await phone.page.locator('.code-choice', { hasText: code }).click();
    await phone.page.getByRole('button', { name: w('approve.approve') }).click();
    await computer.waitForURL((u) => u.href.startsWith(site.redirectUri));
    const tokens = await rp.finishLogin(computer.url(), checks);
    expect(tokens.claims()!.acr).toBe('urn:yat:loa:plus');
    await browserContext.close();
    await phone.context.close();
  });

  test('recovery: staff find the resident by identity number and issue a code; the new phone becomes the wallet and the old one can no longer approve', async () => {
    const oldPhone = await newPhone();
    await registerInPwa(oldPhone.page, p.issuer, resident(2), words, 'Old phone');

    await desk.goto(`${p.issuer}/console/counter?lang=en`);
    await desk.getByLabel(c('counter.idNumberLabel')).fill(formatIdNumber(resident(2).idNumber));
    await desk.getByRole('button', { name: c('counter.find') }).nth(1).click();
    await desk.getByRole('heading', { level: 1, name: c('counter.checkTitle') }).waitFor();
    expect(await desk.locator('.record').textContent()).toContain('LEE Chi Keung');
    await desk.getByLabel(c('counter.documentNumber')).fill(formatIdNumber(resident(2).idNumber));
    await desk.getByLabel(c('counter.checked')).check();
    await desk.getByRole('button', { name: c('counter.issueRecovery') }).click();
    const code = await desk.locator('[data-recovery-code]').textContent();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await expectAccessible(desk, 'en');
    await shot(desk, 'counter-console-recovery-code-en');

    const newPhoneCtx = await newPhone();
    await newPhoneCtx.page.goto(`${p.issuer}/wallet/`);
    await newPhoneCtx.page.getByRole('link', { name: w('recover.link') }).click();
    await newPhoneCtx.page.getByLabel(w('recover.code')).fill(code!);
    await newPhoneCtx.page.getByLabel(w('recover.deviceName')).fill('New phone');
    await shot(newPhoneCtx.page, 'wallet-recover-en');
    await newPhoneCtx.page.getByRole('button', { name: w('recover.submit') }).click();
    await newPhoneCtx.page.getByRole('heading', { level: 1, name: w('profile.title') }).waitFor();
    await newPhoneCtx.page.getByRole('status').filter({ hasText: w('recover.done') }).waitFor();

    // The old phone tries to approve a sign-in: refused.
    const browserContext = await newContext(browser, { locale: 'en-GB' });
    const computer = await browserContext.newPage();
    const { link, code: pageCode } = await openSignInPage(computer, (await rp.startLogin({ scope: 'openid profile' })).url);
    await oldPhone.page.goto(link);
    await oldPhone.page.locator('.code-choice', { hasText: pageCode }).click();
    await oldPhone.page.getByRole('button', { name: w('approve.approve') }).click();
    await oldPhone.page.getByRole('alert').waitFor();
    expect(await oldPhone.page.getByRole('alert').textContent()).toMatch(/no longer registered/);

    // The new phone can.
    await newPhoneCtx.page.goto(link);
    await newPhoneCtx.page.locator('.code-choice', { hasText: pageCode }).click();
    await newPhoneCtx.page.getByRole('button', { name: w('approve.approve') }).click();
    await computer.waitForURL((u) => u.href.startsWith(site.redirectUri));
    await Promise.all([browserContext.close(), oldPhone.context.close(), newPhoneCtx.context.close()]);
  });
});

describe('axe finds nothing on the counter console and the wallet\'s new screens', () => {
  let phone: { context: BrowserContext; page: Page };
  beforeAll(async () => {
    phone = await newPhone();
    await registerInPwa(phone.page, p.issuer, resident(3), words, 'Phone');
  });
  afterAll(async () => {
    await phone?.context.close();
  });

  for (const lang of langs) {
    test(`in ${lang}: the console's start, a record, an error; the wallet's upgrade and recovery screens`, async () => {
      const t = translator(lang);
      await desk.goto(`${p.issuer}/console/counter?lang=${lang}`);
      await desk.getByRole('heading', { level: 1, name: t('counter.title') }).waitFor();
      await expectAccessible(desk, lang);
      await shot(desk, `counter-console-${lang}`);
      // A record page, and a form answered with an error, in this language.
      await desk.getByLabel(t('counter.idNumberLabel')).fill(formatIdNumber(resident(3).idNumber));
      await desk.getByRole('button', { name: t('counter.find') }).nth(1).click();
      await desk.getByRole('heading', { level: 1, name: t('counter.checkTitle') }).waitFor();
      await expectAccessible(desk, lang);
      await desk.goto(`${p.issuer}/console/counter?lang=${lang}`);
      await desk.getByLabel(t('counter.codeLabel')).fill('AAAA-AAAA');
      await desk.getByRole('button', { name: t('counter.find') }).first().click();
      await desk.getByRole('alert').waitFor();
      expect(await desk.getByRole('alert').textContent()).toContain(t('counter.errors.unknown_code'));
      await expectAccessible(desk, lang);

      const wl = walletTranslator(lang);
      await phone.page.goto(`${p.issuer}/wallet/upgrade?lang=${lang}`);
      await phone.page.locator('[data-upgrade-code]').waitFor();
      await expectAccessible(phone.page, lang);
      await shot(phone.page, `wallet-upgrade-code-${lang}`);
      const fresh = await newContext(browser, { viewport: phoneViewport, locale: 'en-GB' });
      const freshPage = await fresh.newPage();
      await freshPage.goto(`${p.issuer}/wallet/recover?lang=${lang}`);
      await freshPage.getByRole('heading', { level: 1, name: wl('recover.title') }).waitFor();
      await expectAccessible(freshPage, lang);
      await fresh.close();
    });
  }
});
