import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { translator } from '../../../wallet/src/i18n/index.ts';
import { ensureWalletBuilt } from '../../../wallet/test/support/pwa.ts';
import { browserTimeout, chromiumPath, newContext, phoneViewport } from '../support/browser.ts';
import { showSignInPage } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty } from '../support/relying-party.ts';

/**
 * Scanning with the camera: Chromium's fake camera plays a video of the sign-in page's QR
 * code, the wallet reads it (BarcodeDetector, or jsQR where the browser has none) and lands
 * on the approval screen for that request.
 */
vi.setConfig({ testTimeout: 120_000 });
const t = translator('en');

let p: Platform;
let browser: Browser;
let dir: string;
let link: string;

/** One grey-scale frame of `text` as a QR code, in the YUV4MPEG2 format Chromium's fake camera plays. */
function qrVideo(text: string, file: string) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const [w, h] = [640, 480];
  const scale = Math.floor(400 / (size + 8));
  const offX = Math.floor((w - size * scale) / 2);
  const offY = Math.floor((h - size * scale) / 2);
  const y = Buffer.alloc(w * h, 235);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (!qr.modules.get(r, c)) continue;
      for (let dy = 0; dy < scale; dy++) y.fill(16, (offY + r * scale + dy) * w + offX + c * scale, (offY + r * scale + dy) * w + offX + (c + 1) * scale);
    }
  }
  const chroma = Buffer.alloc((w / 2) * (h / 2) * 2, 128);
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), y, chroma]));
}

beforeAll(async () => {
  ensureWalletBuilt();
  p = await startPlatform({}, { hostname: 'localhost' });
  const rp = await createRelyingParty(p.app, p.issuer, { fields: { required: ['name_en'], optional: ['email'] } });
  link = (await showSignInPage(p, rp, { scope: 'openid profile email' })).link;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yat-qr-'));
  const video = path.join(dir, 'qr.y4m');
  qrVideo(link, video);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    timeout: browserTimeout,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
});

afterAll(async () => {
  await browser?.close();
  await p?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('scanning a QR code with the camera', () => {
  test('the wallet reads the sign-in QR code and shows who asks', async () => {
    const context = await newContext(browser, { viewport: phoneViewport, locale: 'en-GB', permissions: ['camera'] });
    const page = await context.newPage();
    await page.goto(`${p.issuer}/wallet/scan`);
    await page.getByRole('button', { name: t('scan.start') }).click();
    // This phone has no wallet yet: it is asked to register first, naming who asks.
    await page.getByRole('heading', { level: 1, name: t('approve.registerFirstTitle') }).waitFor();
    expect(await page.locator('main').textContent()).toContain(t('approve.registerFirst', { service: 'Library card service' }));
    expect(page.url()).toBe(link);
    await context.close();
  });
});
