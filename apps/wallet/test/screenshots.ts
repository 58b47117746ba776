/**
 * Screenshots of the wallet's main screens at a phone's width (375 px) for the docs:
 * `npm exec -- node apps/wallet/test/screenshots.ts [outDir]`. Not a test: it starts the
 * platform with a throwaway database, registers a resident in the app, signs in to a
 * service once, takes the pictures and stops.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, newContext, phoneViewport } from '../../server/test/support/browser.ts';
import { resident, showSignInPage } from '../../server/test/support/login.ts';
import { startPlatform } from '../../server/test/support/platform.ts';
import { createRelyingParty } from '../../server/test/support/relying-party.ts';
import { translator, type MessageKey } from '../src/i18n/index.ts';
import { addPhoneAuthenticator, ensureWalletBuilt, registerInPwa } from './support/pwa.ts';

const outDir = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../../../docs/screenshots'));
const t = translator('en');

ensureWalletBuilt();
const p = await startPlatform({}, { hostname: 'localhost' });
const browser = await launchBrowser();
try {
  fs.mkdirSync(outDir, { recursive: true });
  const rp = await createRelyingParty(p.app, p.issuer, { names: { 'zh-Hant': '圖書證服務', 'zh-Hans': '图书证服务' }, fields: { required: ['name_en'], optional: ['email', 'phone', 'preferred_email'] } });
  const context = await newContext(browser, { viewport: phoneViewport, locale: 'en-GB', isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await addPhoneAuthenticator(context, page);
  const shot = async (pg: Page, name: string, heading: string) => {
    await pg.getByRole('heading', { level: 1, name: heading }).waitFor();
    const file = path.join(outDir, `wallet-${name}.png`);
    // A viewport as tall as the page, so the sticky bottom navigation sits at the end, not mid-picture.
    const height = await pg.evaluate(() => document.documentElement.scrollHeight);
    await pg.setViewportSize({ width: phoneViewport.width, height: Math.max(phoneViewport.height, height) });
    await pg.screenshot({ path: file });
    await pg.setViewportSize(phoneViewport);
    console.log(file);
  };

  // Registration, as a first-time visitor sees it.
  const visitor = await newContext(browser, { viewport: phoneViewport, locale: 'en-GB', isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  const first = await visitor.newPage();
  await first.goto(`${p.issuer}/wallet/`);
  await shot(first, 'welcome', t('welcome.title'));
  await first.getByRole('link', { name: t('welcome.register') }).click();
  await shot(first, 'register', t('register.title'));
  // A sign-in link opened on a phone with no wallet yet: registration comes first.
  const early = await showSignInPage(p, rp, { scope: 'openid profile email' });
  await first.goto(early.link);
  await shot(first, 'register-first', t('approve.registerFirstTitle'));
  await visitor.close();

  await registerInPwa(page, p.issuer, resident(0), (k, v) => t(k as MessageKey, v), 'Pixel 9');
  const { link, code } = await showSignInPage(p, rp, { scope: 'openid profile email phone yat:preferred_email' });
  await page.goto(link);
  await page.getByRole('switch', { name: t('field.phone') }).uncheck();
  await page.locator('.code-choice', { hasText: code }).click();
  await shot(page, 'approval', t('approve.title', { service: 'Library card service' }));
  await page.getByRole('button', { name: t('approve.approve') }).click();
  await shot(page, 'approved', t('approve.approvedTitle'));
  for (const [name, pathname, key] of [
    ['profile', '', 'profile.title'],
    ['services', 'services', 'services.title'],
    ['activity', 'activity', 'activity.title'],
    ['devices', 'devices', 'devices.title'],
    ['scan', 'scan', 'scan.title'],
  ] as const) {
    await page.goto(`${p.issuer}/wallet/${pathname}`);
    await shot(page, name, t(key));
  }
  await page.goto(`${p.issuer}/wallet/?lang=zh-Hant`);
  await shot(page, 'profile-zh-Hant', translator('zh-Hant')('profile.title'));
  await page.goto(`${p.issuer}/wallet/activity?lang=zh-Hant`);
  await shot(page, 'activity-zh-Hant', translator('zh-Hant')('activity.title'));
  // An answered link opened again: what happened, and the way back to the service.
  await page.goto(`${link.replace('/wallet/login', '/wallet/login?lang=en')}`);
  await shot(page, 'answered', t('approve.usedTitle'));
} finally {
  await browser.close();
  await p.close();
}
