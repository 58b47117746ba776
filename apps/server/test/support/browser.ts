import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/**
 * A real browser for end-to-end tests: Debian's Chromium driven by playwright-core (never a
 * browser downloaded by a test tool). Headless, sandbox off (containers run as root), and
 * without the background traffic (updates, sync) a test machine has no use for.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Waits in browser tests are generous: the machines running them are shared and busy. */
export const browserTimeout = 30_000;

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) throw new Error(`No Chromium at ${chromiumPath}: install it with "apt-get install -y chromium" (or set CHROMIUM_PATH).`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    timeout: browserTimeout,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * With YAT_SCREENSHOTS=DIR, a picture of the page for the docs (docs/screenshots/); nothing
 * otherwise. The viewport by default: a whole long page makes a big PNG for little more to see.
 */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  const dir = process.env.YAT_SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(path.resolve(dir), `${name}.png`), fullPage: opts.fullPage ?? false });
}

/** A fresh browser profile (own cookies) with the generous timeouts set for every wait. */
export async function newContext(browser: Browser, opts: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
  context.setDefaultTimeout(browserTimeout);
  context.setDefaultNavigationTimeout(browserTimeout);
  return context;
}

export const phoneViewport = { width: 375, height: 812 } as const;

/**
 * Sends the browser to the authorization URL a service built and waits for the sign-in
 * page it lands on: the page, the interaction's id and the wallet link it shows.
 */
export async function openSignInPage(page: Page, authorizationUrl: string) {
  await page.goto(authorizationUrl);
  await page.waitForURL(/\/interaction\/[A-Za-z0-9_-]+/);
  const uid = new URL(page.url()).pathname.split('/')[2]!;
  const link = await page.locator('[data-wallet-link]').getAttribute('href');
  if (!link) throw new Error('the sign-in page shows no wallet link');
  // What the resident reads off the screen and picks in the wallet.
  const code = (await page.locator('[data-verification-code]').textContent())?.trim() ?? '';
  return { uid, link, code };
}

/**
 * The service's own web site (a real HTTP server on 127.0.0.1), so a browser that finishes
 * signing in has somewhere to land: its callback page says whether the sign-in worked.
 */
export type ServiceSite = { redirectUri: string; close(): Promise<void> };

export async function startServiceSite(): Promise<ServiceSite> {
  const server = http.createServer((req, res) => {
    const q = new URL(req.url ?? '/', 'http://local').searchParams;
    const heading = q.has('code') ? 'Signed in' : `Not signed in (${q.get('error') ?? 'no answer'})`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><title>Library card service</title><h1>${heading}</h1></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    redirectUri: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The WCAG 2.2 AA rule sets every page is checked against. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** What axe-core finds on the page now: rule, impact, help and where, so a failure says what to fix. */
export async function axeViolations(page: Page) {
  const { AxeBuilder } = await import('@axe-core/playwright');
  const { violations, passes } = await new AxeBuilder({ page }).withTags(wcagTags).options({ resultTypes: ['violations'] }).analyze();
  // An empty or unloaded page passes every rule vacuously; a real page passes many.
  if (passes.length < 10) throw new Error(`axe ran only ${passes.length} checks on ${page.url()}: is the page there?`);
  return violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** The page is in `lang` (`<html lang>`) and axe finds nothing. */
export async function expectAccessible(page: Page, lang: string): Promise<void> {
  const { expect } = await import('vitest');
  expect(await page.locator('html').getAttribute('lang')).toBe(lang);
  expect(await axeViolations(page), `axe on ${page.url()} (${lang})`).toEqual([]);
}
