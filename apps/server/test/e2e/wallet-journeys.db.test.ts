import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { translator, type Lang, type MessageKey } from '../../../wallet/src/i18n/index.ts';
import { ensureWalletBuilt, registrationCode } from '../../../wallet/test/support/pwa.ts';
import { expectAccessible, launchBrowser, newContext, openSignInPage, phoneViewport, startServiceSite, type ServiceSite } from '../support/browser.ts';
import { resident } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty, type RelyingParty } from '../support/relying-party.ts';

/**
 * What a new resident trips over in the wallet (issue 17), in Chromium at phone size with a
 * virtual platform authenticator: a login link on a phone with no wallet yet, registration's
 * "Send a new code" and "Change my details", a link answered twice, an authenticator whose
 * counter went backwards (a cloned one, as far as the platform can tell), Activity and
 * Services in Chinese, and what Services says after a revoke.
 */
vi.setConfig({ testTimeout: 180_000 });

const zh = translator('zh-Hant');
const en = translator('en');
const names = { 'zh-Hant': '圖書證服務', 'zh-Hans': '图书证服务' };

let p: Platform;
let rp: RelyingParty;
let browser: Browser;
let site: ServiceSite;
let phone: BrowserContext;
let page: Page;
let cdp: CDPSession;
let authenticatorId: string;
let answeredLink: string;

async function addAuthenticator(context: BrowserContext, pg: Page) {
  cdp = await context.newCDPSession(pg);
  await cdp.send('WebAuthn.enable');
  ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  }));
}

/** Puts the phone's key back with this signature counter (what a cloned authenticator would send). */
async function setSignCount(signCount: number) {
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  const c = credentials[0]!;
  await cdp.send('WebAuthn.removeCredential', { authenticatorId, credentialId: c.credentialId });
  await cdp.send('WebAuthn.addCredential', { authenticatorId, credential: { ...c, signCount } });
}

async function signInPageLink(lang: Lang = 'en') {
  const desk = await newContext(browser, { locale: lang === 'en' ? 'en-GB' : 'zh-HK' });
  const dp = await desk.newPage();
  const { link, code } = await openSignInPage(dp, (await rp.startLogin({ scope: 'openid profile email yat:postal_address' })).url);
  return { link, code, close: () => desk.close() };
}

beforeAll(async () => {
  ensureWalletBuilt();
  [p, browser, site] = await Promise.all([startPlatform({}, { hostname: 'localhost' }), launchBrowser(), startServiceSite()]);
  rp = await createRelyingParty(p.app, p.issuer, { redirectUri: site.redirectUri, names, departmentNames: { 'zh-Hant': '康樂及文化事務署', 'zh-Hans': '康乐及文化事务署' }, fields: { required: ['name_en'], optional: ['email', 'postal_address'] } });
  phone = await newContext(browser, { viewport: phoneViewport, locale: 'zh-HK', hasTouch: true, isMobile: true });
  page = await phone.newPage();
  await addAuthenticator(phone, page);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await p?.close();
});

describe('a resident new to the wallet', () => {
  test('a login link on a phone with no wallet asks to register first (no consent screen), and registration returns to the request', async () => {
    const { link, code, close } = await signInPageLink();
    await page.goto(`${link.replace('/wallet/login', '/wallet/login?lang=en')}`);
    await page.getByRole('heading', { level: 1, name: en('approve.registerFirstTitle') }).waitFor();
    expect(await page.locator('main').textContent()).toContain(en('approve.registerFirst', { service: 'Library card service' }));
    expect(await page.getByRole('button', { name: en('approve.approve') }).count()).toBe(0);
    expect(await page.getByRole('switch').count()).toBe(0);
    await expectAccessible(page, 'en');

    await page.getByRole('link', { name: en('welcome.register') }).click();
    // A missing field gets its own written sentence (sentence case, no label pasted in).
    await page.getByRole('button', { name: en('register.continue') }).click();
    await page.getByText(en('register.missing.idNumber')).waitFor();
    expect(en('register.missing.idNumber')).toBe('Enter your identity card number');

    await page.getByLabel(en('register.idNumber')).fill(resident(3).idNumber);
    await page.getByLabel(en('register.dob')).fill('1999-01-01');
    await page.getByRole('button', { name: en('register.continue') }).click();
    await page.getByRole('alert').filter({ hasText: en('error.details_mismatch') }).waitFor();
    await page.getByLabel(en('register.dob')).fill(resident(3).dob);
    let since = Date.now();
    await page.getByRole('button', { name: en('register.continue') }).click();
    await page.getByLabel(en('register.code')).waitFor();
    await expectAccessible(page, 'en');

    // "Send a new code" right away is refused (one code every 30 s), in words, not a stack.
    await page.getByRole('button', { name: en('register.resend') }).click();
    await page.getByRole('alert').filter({ hasText: en('error.resend_too_soon') }).waitFor();

    // "Change my details" goes back with what was typed.
    await page.getByRole('button', { name: en('register.changeDetails') }).click();
    await page.getByLabel(en('register.idNumber')).waitFor();
    expect(await page.getByLabel(en('register.idNumber')).inputValue()).toBe(resident(3).idNumber);
    since = Date.now();
    await page.getByRole('button', { name: en('register.continue') }).click();
    await page.getByLabel(en('register.code')).fill(await registrationCode(p.issuer, since));
    await page.getByRole('button', { name: en('register.continue') }).click();
    await page.getByLabel(en('register.deviceName')).fill('Test phone');
    await page.getByRole('button', { name: en('register.create') }).click();

    // Back at the request, now with the consent screen.
    await page.getByRole('heading', { level: 1, name: en('approve.title', { service: 'Library card service' }) }).waitFor();
    // The resident picks the code the sign-in page shows.
    await page.locator('.code-choice', { hasText: code }).click();
    await page.getByRole('button', { name: en('approve.approve') }).click();
    await page.getByRole('heading', { level: 1, name: en('approve.approvedTitle') }).waitFor();
    answeredLink = link;
    await close();
  });

  test('a link answered already says so in plain words and offers the way back to the service', async () => {
    await page.goto(answeredLink.replace('/wallet/login', '/wallet/login?lang=zh-Hant'));
    await page.getByRole('heading', { level: 1, name: zh('approve.usedTitle') }).waitFor();
    const main = (await page.locator('main').textContent())!;
    expect(main).toContain(zh('approve.usedText', { service: names['zh-Hant'] }));
    expect(main).not.toContain(zh('app.error'));
    const back = page.getByRole('link', { name: zh('approve.backTo', { service: names['zh-Hant'] }) });
    expect(await back.getAttribute('href')).toBe(new URL(site.redirectUri).origin);
    await expectAccessible(page, 'zh-Hant');
  });

  test('an approval the platform cannot verify (the counter went backwards) is explained in the resident\'s language; the detail is in the audit trail only', async () => {
    await setSignCount(0);
    const { link, code, close } = await signInPageLink('zh-Hant');
    await page.goto(link.replace('/wallet/login', '/wallet/login?lang=zh-Hant'));
    await page.getByRole('heading', { level: 1, name: zh('approve.title', { service: names['zh-Hant'] }) }).waitFor();
    // The service's department is in Chinese too; the expiry time is Hong Kong time, 24-hour, labelled.
    expect(await page.locator('main').textContent()).toContain('康樂及文化事務署');
    expect(await page.locator('main').textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（香港時間）/);
    await page.locator('.code-choice', { hasText: code }).click();
    await page.getByRole('button', { name: zh('approve.approve') }).click();
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: zh('error.invalid_assertion') }).waitFor();
    expect(await alert.textContent()).not.toMatch(/counter|verified|[A-Za-z]{4,}/);
    await expectAccessible(page, 'zh-Hant');

    const failed = await p.ctx.storage.db.selectFrom('audit_events').select(['detail']).where('type', '=', 'login.failed').execute();
    expect(failed).toHaveLength(1);
    expect(JSON.parse(failed[0]!.detail!)).toMatchObject({ reason: 'counter_regressed', error: expect.stringMatching(/counter value/) });
    await setSignCount(1000);
    await close();
  });

  test('Activity in Chinese names the service in Chinese and says "failed" once', async () => {
    await page.goto(`${p.issuer}/wallet/activity?lang=zh-Hant`);
    await page.locator('.timeline').waitFor();
    const text = (await page.locator('.timeline').textContent())!;
    expect(text).toContain(`${zh('activity.type.login.approved')} · ${names['zh-Hant']}`);
    expect(text).toContain(zh('activity.type.login.failed'));
    expect(text).not.toContain(`(${zh('activity.outcome.failure')})`);
    // No English at all: names, fields, times and the platform's own name are in Chinese.
    expect(text).not.toMatch(/[A-Za-z]/);
    await expectAccessible(page, 'zh-Hant');
  });

  test('Services: an empty resident field is not "held"; after revoking the only service it says what was shared and revoked', async () => {
    await page.goto(`${p.issuer}/wallet/services?lang=en`);
    const card = page.locator('.card', { hasText: 'Library card service' });
    await card.waitFor();
    // The tab and the page have one name.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(await page.getByRole('navigation', { name: en('app.menu') }).getByRole('link', { name: en('nav.services') }).textContent());
    const chips = (await card.locator('.chips').textContent())!;
    expect(chips).toContain(en('field.email'));
    expect(chips).not.toContain(en('field.postal_address'));
    expect(await card.locator('.not-given').textContent()).toContain(en('field.postal_address'));

    await page.getByRole('button', { name: en('services.revokeLabel', { service: 'Library card service' }) }).click();
    await page.getByRole('button', { name: en('services.revokeYes') }).click();
    await page.getByRole('status').filter({ hasText: en('services.revoked', { service: 'Library card service' }) }).waitFor();
    const main = async () => (await page.locator('main').textContent())!;
    expect(await main()).not.toContain(en('services.empty'));
    expect(await main()).toContain(en('services.noneNow'));
    expect(await main()).toContain(en('services.revokedTitle'));
    // And the same after a reload (the platform remembers, not only the screen).
    await page.reload();
    await page.getByRole('heading', { level: 2, name: en('services.revokedTitle') }).waitFor();
    const revoked = page.locator('.card.revoked', { hasText: 'Library card service' });
    expect(await revoked.textContent()).toContain(en('field.email'));
    expect(await revoked.textContent()).toContain(en('field.name_en'));
    await expectAccessible(page, 'en');
  });
});

describe('registration: a new code', () => {
  test('"Send a new code" replaces the code, at most every 30 s and three codes a registration; wrong guesses still count', async () => {
    const post = async (path: string, body: unknown = {}) => {
      const res = await fetch(`${p.issuer}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, json: (await res.json()) as Record<string, string> };
    };
    const since = Date.now();
    const start = await post('/api/wallet/registrations', { idNumber: resident(4).idNumber, dob: resident(4).dob });
    expect(start.status).toBe(201);
    const id = start.json.registrationId!;
    const first = await registrationCode(p.issuer, since);
    expect((await post(`/api/wallet/registrations/${id}/resend`)).json.error).toBe('resend_too_soon');
    const db = p.ctx.storage.db;
    const backdate = () => db.updateTable('registrations').set({ code_sent_at: Date.now() - 31_000 }).where('id', '=', id).execute();
    await backdate();
    const again = Date.now();
    const resent = await post(`/api/wallet/registrations/${id}/resend`);
    expect(resent.status).toBe(200);
    expect(resent.json.phoneHint).toMatch(/^•••• \d{4}$/);
    const second = await registrationCode(p.issuer, again);
    expect(second).not.toBe(first);
    await backdate();
    expect((await post(`/api/wallet/registrations/${id}/resend`)).status).toBe(200);
    await backdate();
    expect((await post(`/api/wallet/registrations/${id}/resend`)).json.error).toBe('too_many_codes');
    // The first code no longer works (unless the new one happens to be the same digits).
    if (first !== second) expect((await post(`/api/wallet/registrations/${id}/verify`, { code: first })).json.error).toBe('invalid_code');
  });
});
