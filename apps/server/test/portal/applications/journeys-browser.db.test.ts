import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { approveRequest, type WalletState } from '../../../../../packages/cli/src/wallet/headless-wallet.ts';
import { translator } from '../../../src/i18n/index.ts';
import { expectAccessible, launchBrowser, newContext } from '../../support/browser.ts';
import { registeredWallet } from '../../support/login.ts';
import { startPlatform, type Platform } from '../../support/platform.ts';

/**
 * The portal as a resident reads it (issue 17): one name and one money format for a service
 * from its page to its form, error messages written for each question in each language, and
 * times in Hong Kong time, labelled.
 */
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

async function signIn(page: Page, path: string) {
  await page.waitForURL(/\/interaction\/[A-Za-z0-9_-]+/);
  wallet = (await approveRequest(wallet, (await page.locator('[data-wallet-link]').getAttribute('href'))!, 'all', (await page.locator('[data-verification-code]').textContent())!.trim())).state;
  await page.waitForURL((u) => u.pathname === path);
}

const h1 = async (page: Page) => (await page.getByRole('heading', { level: 1 }).textContent())!.trim();

describe('a hosted service from its page to its form', () => {
  test('the same name and the same money format on the service page and the form, in every language', async () => {
    const context = await newContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${p.issuer}/apply/renew-driving-licence`);
    await signIn(page, '/apply/renew-driving-licence');
    const money = { en: 'HK$900', 'zh-Hant': '900 港元', 'zh-Hans': '900 港元' } as const;
    for (const lang of ['en', 'zh-Hant', 'zh-Hans'] as const) {
      await page.goto(`${p.issuer}/services/renew-driving-licence?lang=${lang}`);
      const name = await h1(page);
      expect(await page.locator('main').textContent()).toContain(money[lang]);
      await page.goto(`${p.issuer}/apply/renew-driving-licence?lang=${lang}`);
      expect(await h1(page)).toBe(name);
      const text = (await page.locator('main').textContent())!;
      expect(text).toContain(money[lang]);
      // No bare "$": one way to write money per language.
      expect(text.replace(/HK\$/g, '')).not.toContain('$');
    }
    await context.close();
  });

  test('error messages are written for each question, in the page\'s language, in sentence case', async () => {
    const context = await newContext(browser, { locale: 'zh-HK' });
    const page = await context.newPage();
    await page.goto(`${p.issuer}/apply/renew-driving-licence?lang=zh-Hant`);
    await signIn(page, '/apply/renew-driving-licence');
    const zh = translator('zh-Hant');
    // Empty the pre-filled identity number to see its message too.
    await page.locator('#f-id_number').fill('');
    await page.getByRole('button', { name: zh('applications.form.submit') }).click();
    await page.locator('.error-summary').waitFor();
    const summary = (await page.locator('.error-summary').textContent())!;
    expect(summary).toContain('請選擇你的地址有否更改');
    expect(summary).toContain('請選擇要續領的車輛類別');
    expect(summary).toContain('請輸入你的身份證號碼');
    expect(summary).not.toMatch(/[A-Za-z]{3,}/);
    await expectAccessible(page, 'zh-Hant');

    await page.goto(`${p.issuer}/apply/renew-driving-licence?lang=en`);
    await page.locator('#f-id_number').fill('');
    await page.getByRole('button', { name: translator('en')('applications.form.submit') }).click();
    await page.locator('.error-summary').waitFor();
    const links = await page.locator('.error-summary a').allTextContents();
    expect(links).toContain('Select yes if your address has changed');
    expect(links).toContain('Enter your identity card number');
    expect(links).toContain('Select yes if you have a medical condition that may affect your driving');
    for (const m of links) {
      // Sentence case: one capital at the start; no question pasted into a template.
      expect(m).toMatch(/^[A-Z][^A-Z]*(TD256\))?$/);
      expect(m).not.toMatch(/\?/);
    }
    await expectAccessible(page, 'en');
    await context.close();
  });

  test('the application\'s times are Hong Kong time, labelled, one format per language', async () => {
    const context = await newContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${p.issuer}/apply/certified-copy-birth-record`);
    await signIn(page, '/apply/certified-copy-birth-record');
    await page.getByRole('group', { name: /Whose birth record/ }).getByLabel('My own').check();
    await page.getByLabel('Name on the birth record').fill('CHAN Tai Man');
    await page.getByLabel('Date of birth on the record').fill('1980-01-31');
    await page.getByLabel('Number of copies').fill('1');
    await page.getByRole('group', { name: /How do you want to receive them/ }).getByLabel('Collect at the Births Registry').check();
    await page.getByLabel(/I declare/).check();
    await page.getByRole('button', { name: translator('en')('applications.form.submit') }).click();
    await page.waitForURL(/\/applications\/[A-Z]+-\d{4}-\d{6}/);
    const url = page.url().split('?')[0]!;
    await page.goto(`${url}?lang=en`);
    expect(await page.locator('.timeline').textContent()).toMatch(/\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} Hong Kong time/);
    for (const [lang, label] of [['zh-Hant', '香港時間'], ['zh-Hans', '香港时间']] as const) {
      await page.goto(`${url}?lang=${lang}`);
      expect(await page.locator('.timeline').textContent()).toMatch(new RegExp(`\\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2}（${label}）`));
      await expectAccessible(page, lang);
    }
    await context.close();
  });
});
