import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { approveRequest, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { translator } from '../../src/i18n/index.ts';
import { expectAccessible, launchBrowser, newContext, screenshot as shot } from '../support/browser.ts';
import { login, registeredWallet, resident } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty } from '../support/relying-party.ts';

/**
 * The operator console in a real browser, keyboard and screen as an operator uses it: find a
 * resident, lock (with a reason), ask to unlock; a second operator in another context
 * approves; suspend a service; search the audit log; the staff page. axe on every operator page
 * in three languages. With YAT_SCREENSHOTS=DIR the pages are photographed (docs/screenshots/).
 */
vi.setConfig({ testTimeout: 120_000 });

const t = translator('en');
const langs = ['en', 'zh-Hant', 'zh-Hans'] as const;
const desktop = { width: 1280, height: 900 };

let p: Platform;
let browser: Browser;
let contexts: BrowserContext[] = [];
let subject: WalletState;
let rpClient: string;

/** An operator at the plus level signed in with their own (headless) wallet in a browser context. */
async function operatorDesk(i: number): Promise<Page> {
  let wallet = await registeredWallet(p, i);
  await p.app.staff.grant({ residentId: wallet.residentId, role: 'operator', counterId: null, grantedBy: 'cli', bootstrap: true });
  await p.ctx.storage.db.updateTable('residents').set({ assurance: 'plus' }).where('id', '=', wallet.residentId).execute();
  const context = await newContext(browser, { viewport: desktop, locale: 'en-GB' });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${p.issuer}/console/login?return=${encodeURIComponent('/console/operator')}`);
  await page.waitForURL(/\/interaction\//);
  const link = await page.locator('[data-wallet-link]').getAttribute('href');
  wallet = (await approveRequest(wallet, link!, 'all', (await page.locator('[data-verification-code]').textContent())!.trim())).state;
  await page.waitForURL(`${p.issuer}/console/operator`);
  return page;
}

beforeAll(async () => {
  [p, browser] = await Promise.all([startPlatform(), launchBrowser()]);
  const rp = await createRelyingParty(p.app, p.issuer, { names: { 'zh-Hant': '圖書證服務', 'zh-Hans': '图书证服务' } });
  rpClient = rp.clientId;
  subject = (await login(p, rp, await registeredWallet(p, 3))).wallet;
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await p?.close();
});

describe('the operator console', () => {
  test('lock, four-eyes unlock, suspend, audit search and staff, each page axe-clean in three languages', async () => {
    const desk = await operatorDesk(0);
    const second = await operatorDesk(1);

    // Find the resident by identity number, lock with a reason.
    await desk.getByRole('navigation', { name: t('operator.nav.label') }).getByRole('link', { name: t('operator.nav.residents') }).click();
    await desk.getByLabel(t('operator.residents.idNumber')).fill(resident(3).idNumber);
    await desk.getByRole('button', { name: t('operator.residents.find') }).click();
    await desk.getByRole('heading', { level: 1, name: 'CHEUNG Wing Sze' }).waitFor();
    // Without a reason the browser asks for one; the server refuses too (tested over HTTP).
    await desk.getByLabel(t('operator.reason')).first().fill('Helpline case 2001: phone stolen');
    await desk.getByRole('button', { name: t('operator.residents.lock') }).click();
    await desk.locator('[data-status="locked"]').waitFor();
    await desk.getByLabel(t('operator.reason')).first().fill('Resident verified by call-back');
    await desk.getByRole('button', { name: t('operator.residents.unlock') }).click();
    await desk.getByText(t('operator.residents.unlockPending', { reason: 'Resident verified by call-back' })).waitFor();

    // The second operator approves in another browser context.
    await second.goto(`${p.issuer}/console/operator/requests?lang=en`);
    await second.getByLabel(t('operator.reason')).first().fill('Call-back confirmed by me');
    await second.getByRole('button', { name: t('operator.requests.approve') }).click();
    await second.getByText(t('operator.done')).waitFor();
    expect((await p.app.residents.findById(subject.residentId))!.status).toBe('active');

    // Suspend the service.
    await desk.goto(`${p.issuer}/console/operator/services?lang=en`);
    const row = desk.locator(`[data-service="${rpClient}"]`);
    await row.getByLabel(t('operator.reason')).fill('Reported phishing redirect');
    await row.getByRole('button', { name: t('operator.services.suspend') }).click();
    await desk.locator(`[data-service="${rpClient}"]`).getByText(t('operator.services.suspended'), { exact: true }).waitFor();

    // Audit search by the resident's identity number.
    await desk.goto(`${p.issuer}/console/operator/audit?lang=en`);
    await desk.getByLabel(t('operator.audit.idNumber')).fill(resident(3).idNumber);
    await desk.getByRole('button', { name: t('operator.audit.search') }).click();
    await desk.locator('[data-audit-results]').waitFor();
    expect(await desk.locator('[data-audit-results] tbody tr').count()).toBeGreaterThan(3);
    await expectAccessible(desk, 'en');
    await shot(desk, 'operator-audit-results-en');

    // Every operator page, in every language.
    const pages: Record<string, string> = { home: '/console/operator', find: '/console/operator/residents', resident: `/console/operator/residents/${subject.residentId}`, requests: '/console/operator/requests', services: '/console/operator/services', audit: '/console/operator/audit', staff: '/console/operator/staff' };
    for (const lang of langs) {
      for (const [name, url] of Object.entries(pages)) {
        await desk.goto(`${p.issuer}${url}?lang=${lang}`);
        expect(await desk.locator('html').getAttribute('lang')).toBe(lang);
        await expectAccessible(desk, lang);
        await shot(desk, `operator-${name}-${lang}`);
      }
    }
  });
});
