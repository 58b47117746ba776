import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

/**
 * Helpers for driving the wallet PWA in a real Chromium: make sure the app is built (the
 * platform serves apps/wallet/dist), give a browser a phone's authenticator, and register.
 */
const walletDir = path.resolve(import.meta.dirname, '../..');
const distIndex = path.join(walletDir, 'dist', 'index.html');

function newestSource(): number {
  const files = [path.join(walletDir, 'index.html'), path.join(walletDir, 'vite.config.ts')];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(path.join(walletDir, 'src'));
  walk(path.join(walletDir, 'public'));
  return Math.max(...files.map((f) => fs.statSync(f).mtimeMs));
}

const fresh = () => fs.existsSync(distIndex) && fs.statSync(distIndex).mtimeMs >= newestSource();
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds the app when dist/ is missing or older than its sources (a fresh clone, an edit).
 * Test files run in parallel: a lock directory lets one of them build while the others wait.
 */
export function ensureWalletBuilt(): void {
  if (fresh()) return;
  const lock = path.join(walletDir, '.build-lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock left by a killed run is taken over after 2 minutes.
      if (Date.now() > deadline || Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 120_000) fs.rmSync(lock, { recursive: true, force: true });
      pause(200);
    }
  }
  try {
    if (!fresh()) execFileSync(process.execPath, [path.join(walletDir, '..', '..', 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: walletDir, stdio: 'inherit' });
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * A platform authenticator with user verification (fingerprint/PIN) that always succeeds,
 * through Chrome's DevTools protocol: the phone's secure element, for a test.
 */
export async function addPhoneAuthenticator(context: BrowserContext, page: Page): Promise<string> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return authenticatorId;
}

/** In development the platform keeps text messages in an outbox; the newest registration code. */
/**
 * The code of the registration SMS sent at or after `since`. The page may still be waiting for
 * the server when this runs, so the outbox is read until that message is there.
 */
export async function registrationCode(issuer: string, since: number): Promise<string> {
  for (let tries = 0; tries < 50; tries++) {
    const res = await fetch(`${issuer}/dev/outbox.json`);
    const { messages } = (await res.json()) as { messages: Array<{ body: string; created_at: number }> };
    const code = messages.filter((m) => Number(m.created_at) >= since).map((m) => /registration code is (\d{6})/.exec(m.body)?.[1]).find(Boolean);
    if (code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no registration code in the development outbox');
}

export type Words = (key: string, vars?: Record<string, string>) => string;

/** Registers the resident in the PWA as a person would: details, code, device name. */
export async function registerInPwa(page: Page, issuer: string, resident: { idNumber: string; dob: string }, t: Words, deviceName = 'Test phone'): Promise<void> {
  await page.goto(`${issuer}/wallet/`);
  await page.getByRole('link', { name: t('welcome.register') }).click();
  await page.getByLabel(t('register.idNumber')).fill(resident.idNumber);
  await page.getByLabel(t('register.dob')).fill(resident.dob);
  const since = Date.now();
  await page.getByRole('button', { name: t('register.continue') }).click();
  await page.getByLabel(t('register.code')).waitFor();
  await page.getByLabel(t('register.code')).fill(await registrationCode(issuer, since));
  await page.getByRole('button', { name: t('register.continue') }).click();
  await page.getByLabel(t('register.deviceName')).fill(deviceName);
  await page.getByRole('button', { name: t('register.create') }).click();
  await page.getByRole('heading', { level: 1, name: t('profile.title') }).waitFor();
}
