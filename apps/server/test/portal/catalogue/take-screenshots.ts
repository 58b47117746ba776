/**
 * Screenshots of the portal's main pages at desktop and phone width, for docs/screenshots/.
 * Not a test: run it by hand after changing the pages' look.
 *   npm exec -- node apps/server/test/portal/catalogue/take-screenshots.ts
 */
import path from 'node:path';
import { launchBrowser, newContext, phoneViewport } from '../../support/browser.ts';
import { startPlatform } from '../../support/platform.ts';

const out = path.join(import.meta.dirname, '../../../../../docs/screenshots');
const shots: [name: string, path: string][] = [
  ['home', '/?lang=en'],
  ['home-zh-hant', '/?lang=zh-Hant'],
  ['search', '/search?q=driving+licence&lang=en'],
  ['search-zh-hant', `/search?q=${encodeURIComponent('駕駛執照')}&lang=zh-Hant`],
  ['service', '/services/renew-driving-licence?lang=en'],
  ['service-zh-hans', '/services/renew-driving-licence?lang=zh-Hans'],
];
const widths = [['desktop', { width: 1280, height: 900 }], ['phone', phoneViewport]] as const;

const platform = await startPlatform();
const browser = await launchBrowser();
try {
  for (const [label, viewport] of widths) {
    const context = await newContext(browser, { viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const [name, url] of shots) {
      await page.goto(platform.issuer + url);
      const file = path.join(out, `portal-${name}-${label}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await platform.close();
}
