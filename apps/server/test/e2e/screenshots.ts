/**
 * Screenshots of the sign-in page for the docs, desktop and phone, in English and Traditional
 * Chinese: `npm exec -- node apps/server/test/e2e/screenshots.ts [outDir]`. Not a test: it
 * starts the platform with a throwaway database, takes the pictures and stops.
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, newContext, openSignInPage, phoneViewport } from '../support/browser.ts';
import { startPlatform } from '../support/platform.ts';
import { createRelyingParty } from '../support/relying-party.ts';

const outDir = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../../../../docs/screenshots'));
const shots = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'phone', viewport: phoneViewport },
] as const;
const languages = ['en', 'zh-Hant'] as const;

const p = await startPlatform();
const browser = await launchBrowser();
try {
  const rp = await createRelyingParty(p.app, p.issuer, { names: { 'zh-Hant': '圖書證服務', 'zh-Hans': '图书证服务' }, departmentNames: { 'zh-Hant': '康樂及文化事務署', 'zh-Hans': '康乐及文化事务署' }, fields: { required: ['name_en'], optional: ['name_zh', 'email'] } });
  fs.mkdirSync(outDir, { recursive: true });
  for (const shot of shots) {
    for (const lang of languages) {
      const context = await newContext(browser, { viewport: shot.viewport, locale: lang });
      const page = await context.newPage();
      const { uid } = await openSignInPage(page, (await rp.startLogin()).url);
      await page.goto(`${p.issuer}/interaction/${uid}?lang=${lang}`);
      await page.locator('.qr img').waitFor();
      const file = path.join(outDir, `sign-in-${shot.name}-${lang}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await p.close();
}
