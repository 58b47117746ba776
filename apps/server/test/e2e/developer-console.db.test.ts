import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { approveRequest, describeRequest, registerWallet, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { translator } from '../../src/i18n/index.ts';
import { expectAccessible, launchBrowser, newContext, screenshot as shot, startServiceSite, type ServiceSite } from '../support/browser.ts';
import { login, registeredWallet, showSignInPage } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { serviceKeys } from '../consoles/developer-support.ts';
import { relyingPartyFor } from '../support/relying-party.ts';

/**
 * The developer console's whole journey in a real browser: a developer signs in with their
 * wallet, creates an organisation, registers a service with two fields (one optional), logs a
 * sandbox identity in through openid-client, asks for production; an operator approves in a
 * second browser context; a real resident logs in; a changed field stays unseen by residents
 * until the operator approves it. axe on every page in three languages; YAT_SCREENSHOTS=DIR
 * photographs the pages.
 */
vi.setConfig({ testTimeout: 300_000 });

const t = translator('en');
const langs = ['en', 'zh-Hant', 'zh-Hans'] as const;
const desktop = { width: 1280, height: 900 };

let p: Platform;
let browser: Browser;
let site: ServiceSite;
let devContext: BrowserContext;
let dev: Page;
let devWallet: WalletState;
let opWallet: WalletState;
let realWallet: WalletState;

/** axe on the page as it is, in each language (the language links keep the page). */
async function accessibleInEveryLanguage(page: Page, name: string, at = page.url()) {
  const url = new URL(at);
  for (const lang of langs) {
    url.searchParams.set('lang', lang);
    await page.goto(url.href);
    await expectAccessible(page, lang);
    await shot(page, `${name}-${lang}`);
  }
  url.searchParams.set('lang', 'en');
  await page.goto(url.href);
}

async function signIn(page: Page, wallet: WalletState, path: string): Promise<WalletState> {
  await page.goto(`${p.issuer}/console/login?return=${encodeURIComponent(path)}&lang=en`);
  await page.waitForURL(/\/interaction\//);
  const link = await page.locator('[data-wallet-link]').getAttribute('href');
  const code = (await page.locator('[data-verification-code]').textContent())!.trim();
  const approved = await approveRequest(wallet, link!, 'all', code);
  await page.waitForURL(`${p.issuer}${path}`);
  return approved.state;
}

beforeAll(async () => {
  [p, browser, site] = await Promise.all([startPlatform({}, { hostname: 'localhost' }), launchBrowser(), startServiceSite()]);
  devWallet = await registeredWallet(p, 0);
  opWallet = await registeredWallet(p, 3);
  realWallet = await registeredWallet(p, 4);
  await p.app.staff.grant({ residentId: opWallet.residentId, role: 'operator', counterId: null, grantedBy: 'cli', bootstrap: true });
  devContext = await newContext(browser, { viewport: desktop, locale: 'en-GB' });
  dev = await devContext.newPage();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await p?.close();
});

describe('developer console', () => {
  test('from a new organisation to a live service, with a change that waits for approval', async () => {
    const keys = await serviceKeys();
    // A resident with no staff role signs in and reaches the developer console.
    devWallet = await signIn(dev, devWallet, '/console/developer');
    await dev.getByRole('heading', { level: 1, name: t('developer.home.title') }).waitFor();
    await accessibleInEveryLanguage(dev, 'developer-home');
    await dev.getByLabel(t('developer.home.name')).fill('Public Libraries');
    await dev.getByRole('button', { name: t('developer.home.createButton') }).click();
    await dev.getByRole('heading', { level: 1, name: 'Public Libraries' }).waitFor();
    const orgUrl = dev.url();

    // A sandbox identity for testing.
    await dev.getByLabel(t('developer.sandbox.phone')).fill('91230002');
    await dev.getByRole('button', { name: t('developer.sandbox.createButton') }).click();
    await dev.getByRole('status').filter({ hasText: 'ZZ' }).waitFor();
    await accessibleInEveryLanguage(dev, 'developer-organisation', orgUrl);
    const row = dev.locator('tbody tr').filter({ hasText: 'TESTER' });
    const idNumber = ((await row.locator('code').first().textContent()) ?? '').replace(/[()]/g, '');
    const sandboxWallet = await registerWallet({ server: p.issuer, idNumber, dob: '1990-01-01', deviceName: 'Sandbox phone' });

    // An automation client for the department's deployment pipeline: a secret, shown once.
    await dev.getByRole('link', { name: t('developer.org.automation') }).click();
    await dev.getByRole('heading', { level: 1, name: t('developer.automation.title') }).waitFor();
    await dev.getByLabel(t('developer.automation.name')).fill('Deployment pipeline');
    await dev.getByLabel(t('developer.form.auth.secret')).check();
    await dev.getByRole('button', { name: t('developer.automation.createButton') }).click();
    await expect(dev.locator('[data-automation-secret]').textContent()).resolves.toMatch(/^[A-Za-z0-9_-]{43}$/);
    await dev.getByRole('button', { name: t('developer.automation.deleteLabel', { name: 'Deployment pipeline' }) }).waitFor();
    await accessibleInEveryLanguage(dev, 'developer-automation');
    await dev.goto(orgUrl);

    // Register the service: two fields, one optional, each with its purpose in three languages.
    await dev.getByRole('link', { name: t('developer.org.register') }).click();
    await accessibleInEveryLanguage(dev, 'developer-register');
    await dev.locator('#name-en').fill('Library card');
    await dev.locator('#name-zh-Hant').fill('圖書證');
    await dev.locator('#name-zh-Hans').fill('图书证');
    await dev.locator('#redirects').fill(site.redirectUri);
    await dev.locator('#jwks').fill(JSON.stringify(keys.jwks));
    const purposes = { name_en: ['To print your card', '用於印製借書證', '用于印制借书证'], email: ['To remind you of due dates', '提醒你還書日期', '提醒你还书日期'] };
    await dev.locator('#field-name_en').selectOption('required');
    await dev.locator('#field-email').selectOption('optional');
    for (const [field, texts] of Object.entries(purposes)) for (const [i, lang] of langs.entries()) await dev.locator(`#purpose-${field}-${lang}`).fill(texts[i]!);
    await dev.getByRole('button', { name: t('developer.form.save') }).click();
    await dev.getByRole('heading', { name: t('developer.registered.title') }).waitFor();
    const sandboxClientId = (await dev.locator('[data-sandbox-client-id]').textContent())!;
    await dev.getByRole('link', { name: t('developer.registered.open') }).click();
    await expect(dev.locator('[data-stage]').getAttribute('data-stage')).resolves.toBe('sandbox');
    const serviceUrl = dev.url();

    // The sandbox identity signs in through openid-client; its ID token says sandbox.
    const sandboxRp = await relyingPartyFor(p.issuer, sandboxClientId, keys, site.redirectUri);
    const sandboxLogin = await login(p, sandboxRp, sandboxWallet);
    expect(sandboxLogin.tokens.claims()).toMatchObject({ yat_env: 'sandbox' });
    // The service's usage chart counts it once the analytics rollup has run.
    await p.app.analytics.rollup.run({ lagMs: 0 });
    await dev.goto(serviceUrl);
    await dev.getByText(t('developer.usage.caption', { days: '30', total: '1' })).waitFor();

    // The owner asks for production; an operator approves in another browser.
    await dev.getByRole('button', { name: t('developer.service.requestProduction') }).click();
    await dev.locator('[data-pending]').waitFor();
    await accessibleInEveryLanguage(dev, 'developer-service', serviceUrl);
    const opContext = await newContext(browser, { viewport: desktop, locale: 'en-GB' });
    const op = await opContext.newPage();
    opWallet = await signIn(op, opWallet, '/console/operator/approvals');
    await op.getByRole('heading', { level: 2, name: /Library card/ }).waitFor();
    await accessibleInEveryLanguage(op, 'operator-approvals');
    await op.getByLabel(t('developer.approvals.reason')).fill('Domain and purposes checked.');
    await op.getByRole('button', { name: t('developer.approvals.approve') }).click();
    await op.getByText(t('developer.approvals.approved')).waitFor();

    await dev.goto(serviceUrl);
    const productionClientId = (await dev.locator('[data-production-client-id]').textContent())!;
    await expect(dev.locator('[data-stage]').getAttribute('data-stage')).resolves.toBe('production');
    const productionRp = await relyingPartyFor(p.issuer, productionClientId, keys, site.redirectUri);
    const realLogin = await login(p, productionRp, realWallet, { share: ['name_en'] });
    expect(realLogin.tokens.claims()?.yat_env).toBeUndefined();

    // The developer makes email required: the sandbox shows it at once, residents do not until approval.
    await dev.getByRole('link', { name: t('developer.service.edit') }).click();
    await dev.locator('#field-email').selectOption('required');
    await dev.getByRole('button', { name: t('developer.form.save') }).click();
    await expect(dev.locator('[data-stage]').getAttribute('data-stage')).resolves.toBe('changed');
    const emailRequired = async (rp: typeof productionRp, wallet: WalletState) => {
      const shown = await showSignInPage(p, rp);
      return (await describeRequest(wallet, shown.link)).fields.find((f) => f.name === 'email')?.required;
    };
    await expect(emailRequired(productionRp, realWallet)).resolves.toBe(false);
    await expect(emailRequired(sandboxRp, sandboxWallet)).resolves.toBe(true);

    await dev.getByRole('button', { name: t('developer.service.requestProduction') }).click();
    await op.goto(`${p.issuer}/console/operator/approvals?lang=en`);
    await op.locator('.diff ins', { hasText: t('developer.form.required') }).waitFor();
    // The field's ask in the reader's language, not the API's word.
    await op.goto(`${p.issuer}/console/operator/approvals?lang=zh-Hant`);
    await op.locator('.diff ins', { hasText: translator('zh-Hant')('developer.form.required') }).waitFor();
    await expect(op.locator('.diff').innerText()).resolves.not.toMatch(/\b(required|optional)\b/);
    await op.goto(`${p.issuer}/console/operator/approvals?lang=en`);
    await op.getByRole('button', { name: t('developer.approvals.approve') }).click();
    await op.getByText(t('developer.approvals.approved')).waitFor();
    await expect(emailRequired(productionRp, realWallet)).resolves.toBe(true);
    await opContext.close();
  });
});
