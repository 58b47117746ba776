import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { approveRequest } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { translator } from '../../src/i18n/index.ts';
import { expectAccessible, launchBrowser, newContext, phoneViewport, screenshot as shot } from '../support/browser.ts';
import { registeredWallet } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { seedUsage } from '../opendata/seed-usage.ts';

/**
 * In a real browser: the counter map (Leaflet draws every counter; the list sorts by distance
 * from a district, with and without script) and the operator's analytics (uPlot draws each
 * chart beside its table; suppressed figures stay suppressed), axe clean in three languages.
 * With YAT_SCREENSHOTS=DIR the pages are photographed (docs/screenshots/).
 */
vi.setConfig({ testTimeout: 120_000 });
const langs = ['en', 'zh-Hant', 'zh-Hans'] as const;
const en = translator('en');

let p: Platform;
let browser: Browser;
let operator: BrowserContext;
let desk: Page;

beforeAll(async () => {
  [p, browser] = await Promise.all([startPlatform({ ANALYTICS_ROLLUP_INTERVAL_MS: '0' }, { hostname: 'localhost' }), launchBrowser()]);
  await seedUsage(p.ctx.storage.db);
  await p.app.analytics.rollup.run();
  let wallet = await registeredWallet(p, 0);
  await p.app.staff.grant({ residentId: wallet.residentId, role: 'operator', counterId: null, grantedBy: 'cli', bootstrap: true });
  operator = await newContext(browser, { locale: 'en-GB' });
  desk = await operator.newPage();
  await desk.goto(`${p.issuer}/console/login?return=${encodeURIComponent('/console/operator/analytics')}`);
  await desk.waitForURL(/\/interaction\//);
  const link = await desk.locator('[data-wallet-link]').getAttribute('href');
  wallet = (await approveRequest(wallet, link!, 'all', (await desk.locator('[data-verification-code]').textContent())!.trim())).state;
  await desk.waitForURL(/\/console\/operator\/analytics/);
});

afterAll(async () => {
  await browser?.close();
  await p?.close();
});

describe('Find a registration counter', () => {
  test('the map draws every counter; the list sorts by distance from a district; axe finds nothing in three languages', async () => {
    const total = (await p.app.counters.list()).length;
    const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    for (const lang of langs) {
      await page.goto(`${p.issuer}/counters?lang=${lang}&district=sha-tin`);
      await page.locator('#counter-map[data-drawn]').waitFor();
      expect(await page.locator('#counter-map').getAttribute('data-drawn')).toBe(String(total));
      expect(await page.locator('.leaflet-interactive').count()).toBeGreaterThanOrEqual(total);
      expect(await page.locator('li[data-counter]').first().getAttribute('data-counter')).toMatch(/^sha-tin/);
      await expectAccessible(page, lang);
      await shot(page, `counter-map-${lang}`);
    }
    // On a phone the list follows the map, and stays accessible.
    await page.setViewportSize(phoneViewport);
    await page.reload();
    await page.locator('#counter-map[data-drawn]').waitFor();
    await expectAccessible(page, 'zh-Hans');
    await context.close();
  });

  test('without script the form still sorts the list', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${p.issuer}/counters?lang=en`);
    await page.locator('#district').selectOption('islands');
    await page.getByRole('button', { name: translator('en')('opendata.mapSort') }).click();
    await page.waitForURL(/district=islands/);
    expect(await page.locator('li[data-counter]').first().getAttribute('data-counter')).toMatch(/^(tung-chung|airport|cheung-chau)/);
    expect(await page.locator('#counter-map').isVisible()).toBe(false);
    await context.close();
  });
});

describe('Operator analytics', () => {
  test('each chart is drawn beside its table; suppressed figures stay suppressed; axe finds nothing in three languages', async () => {
    for (const lang of langs) {
      await desk.goto(`${p.issuer}/console/operator/analytics?lang=${lang}`);
      for (const id of ['logins', 'registrations', 'active', 'signatures', 'fields']) await desk.locator(`[data-chart="${id}"][data-drawn] canvas`).first().waitFor();
      const t = translator(lang);
      const yesterday = desk.locator('table[data-chart-table="logins"] tbody tr').nth(-2);
      expect(await yesterday.locator('td').nth(0).getAttribute('data-v')).toBe('64');
      expect(await desk.locator('table[data-chart-table="signatures"] tbody tr').nth(-2).locator('td').textContent()).toBe('21');
      expect(await desk.locator('td', { hasText: t('analytics.suppressed') }).count()).toBeGreaterThan(0);
      await expectAccessible(desk, lang);
      await shot(desk, `operator-analytics-${lang}`, { fullPage: true });
    }
  });

  test('the service filter and the CSV download', async () => {
    await desk.goto(`${p.issuer}/console/operator/analytics?lang=en`);
    await desk.locator('#service').selectOption('svc_small');
    await desk.getByRole('button', { name: en('analytics.apply') }).click();
    await desk.waitForURL(/service=svc_small/);
    expect(await desk.locator('table[data-chart-table="logins"] tbody tr').nth(-2).locator('td').nth(0).textContent()).toBe(en('analytics.suppressed'));
    const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByRole('link', { name: en('analytics.csvOf', { title: en('analytics.chart.logins') }) }).click()]);
    const csv = await (await download.createReadStream()).toArray();
    const text = Buffer.concat(csv as Buffer[]).toString();
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('date,approved,declined');
    expect(text).toContain(',suppressed,suppressed');
    expect(text).not.toMatch(/,4,/);
  });

  test('the home page shows the two public figures', async () => {
    const page = await operator.newPage();
    await page.goto(`${p.issuer}/?lang=en`);
    expect(await page.locator('[data-figure="services"]').textContent()).toMatch(/^\d[\d,]*$/);
    expect(await page.locator('[data-figure="residents"]').textContent()).toBe(en('analytics.figureSuppressed'));
    await expectAccessible(page, 'en');
    await page.close();
  });
});
