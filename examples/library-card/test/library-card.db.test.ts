import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { approveRequest, openSession, type WalletState } from '../../../packages/cli/src/wallet/headless-wallet.ts';
import { registeredWallet, resident } from '../../../apps/server/test/support/login.ts';
import { startPlatform, type Platform } from '../../../apps/server/test/support/platform.ts';
import { createUserAgent, verificationCodeIn, walletLinkIn, type UserAgent } from '../../../apps/server/test/support/user-agent.ts';
import { ensureRegistered } from '../src/registration.ts';
import type { startLibraryCard } from '../src/start.ts';
import { startDemoAgainst } from './demo-against.ts';

/**
 * The demo service end to end, without a browser: a cookie-jar user agent visits the
 * service, logs in with Yat (the headless wallet approves), gets the form pre-filled with
 * exactly the shared fields, applies, and is logged out when the resident revokes.
 */
let p: Platform;
let lib: Awaited<ReturnType<typeof startLibraryCard>>;
let wallet: WalletState;
let dir: string;

let demo: Awaited<ReturnType<typeof startDemoAgainst>>;

beforeAll(async () => {
  p = await startPlatform();
  demo = await startDemoAgainst(p);
  ({ lib, dir } = demo);
  wallet = await registeredWallet(p);
});
afterAll(async () => {
  await demo?.close();
  await p?.close();
});

/** Log in with Yat from the service's home page; the wallet shares `share` (and answers the notifications switch). Returns the form page. */
async function logIn(ua: UserAgent, share: string[], opts: { notifications?: boolean } = {}) {
  const home = await ua.navigate(`${lib.baseUrl}/`);
  expect(home.body).toContain('href="/login"');
  const signIn = await ua.navigate(`${lib.baseUrl}/login`);
  expect(signIn.url).toContain('/interaction/');
  const uid = new URL(signIn.url).pathname.split('/')[2]!;
  wallet = (await approveRequest(wallet, walletLinkIn(signIn.body), share, verificationCodeIn(signIn.body), opts)).state;
  return ua.navigate(`${p.issuer}/interaction/${uid}/continue`);
}

/** The resident's wallet inbox (the wallet API, as the PWA reads it). */
async function inbox(lang: string) {
  const { cookie, state } = await openSession(wallet);
  wallet = state;
  return (await (await fetch(`${p.issuer}/api/wallet/notifications?lang=${lang}`, { headers: { cookie } })).json()) as { unread: number; items: Array<{ title: string; body: string; linkOrigin: string | null; from: { names: Record<string, string> } }> };
}

const inputValue = (body: string, name: string) => body.match(new RegExp(`name="${name}"[^>]*value="([^"]*)"`))?.[1];
const csrfOf = (body: string) => body.match(/name="csrf" value="([^"]+)"/)![1]!;

describe('the library-card service', () => {
  test('registered on first start with its own key; a second start reuses the registration', async () => {
    const again = await ensureRegistered(dir, lib.baseUrl, { register: async () => 'never', exists: async () => true });
    expect(again.clientId).toMatch(/^svc_/);
    expect(fs.existsSync(path.join(dir, 'private-key.json'))).toBe(true);
    const metadata = await p.app.clients.find(again.clientId);
    expect(metadata).toMatchObject({ token_endpoint_auth_method: 'private_key_jwt', yat_fields: { required: ['name_en'] } });
    expect(JSON.stringify(metadata)).not.toContain('"d"');
  });

  test('log in with Yat: the form is pre-filled with exactly the shared fields; declined ones are empty', async () => {
    const ua = createUserAgent();
    const form = await logIn(ua, ['name_en', 'birthdate']);
    expect(form.url).toBe(`${lib.baseUrl}/apply`);
    const r = resident();
    expect(inputValue(form.body, 'nameEn')).toBe(`${r.nameEn.family} ${r.nameEn.given}`);
    expect(inputValue(form.body, 'birthdate')).toBe(r.dob);
    for (const n of ['email', 'phone', 'address', 'nameZh']) expect(inputValue(form.body, n)).toBe('');

    // Missing required answers are shown at the top and by the field.
    const incomplete = await ua.request(`${lib.baseUrl}/apply`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf: csrfOf(form.body), nameEn: 'CHAN Tai Man', birthdate: r.dob, branch: 'central' }).toString() });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body).toContain('role="alert"');
    expect(incomplete.body).toContain('aria-invalid="true"');

    const done = await ua.request(`${lib.baseUrl}/apply`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: csrfOf(form.body), nameEn: 'CHAN Tai Man', birthdate: r.dob, email: 'tai.man@example.org', phone: '', address: '1 Library Road', nameZh: '', branch: 'kowloon' }).toString(),
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatch(/data-reference="LC-\d{4}-\d{6}"/);
    // A form post without the CSRF token does nothing.
    const forged = await ua.request(`${lib.baseUrl}/apply`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'nameEn=x' });
    expect(forged.status).toBe(303);
  });

  test('after the application, the department tells the resident in the wallet that the card is ready, in their language, once they allowed it', async () => {
    // The application above was made without allowing notifications: nothing was sent.
    expect((await inbox('en')).items).toEqual([]);
    const ua = createUserAgent();
    const form = await logIn(ua, ['name_en'], { notifications: true });
    const apply = () =>
      ua.request(`${lib.baseUrl}/apply`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf: csrfOf(form.body), nameEn: 'CHAN Tai Man', birthdate: resident().dob, email: 'tai.man@example.org', address: '1 Library Road', branch: 'shatin' }).toString(),
      });
    const done = await apply();
    expect(done.status).toBe(200);
    const ref = done.body.match(/data-reference="(LC-\d{4}-\d{6})"/)![1]!;
    const zh = await inbox('zh-Hant');
    expect(zh.unread).toBe(1);
    expect(zh.items).toEqual([expect.objectContaining({ title: '你的圖書證已準備好', body: `你的圖書證（${ref}）已準備好。請帶同身份證到沙田公共圖書館領取。`, linkOrigin: lib.baseUrl, from: expect.objectContaining({ names: expect.objectContaining({ 'zh-Hant': '申請圖書證' }) }) })]);
    expect((await inbox('en')).items[0]).toMatchObject({ title: 'Your library card is ready', body: `Your library card (${ref}) is ready. Collect it at Sha Tin Public Library with your identity card.` });
  });

  test('the resident revokes the service in the wallet and the service session ends (back-channel logout)', async () => {
    const ua = createUserAgent();
    await logIn(ua, ['name_en']);
    expect((await ua.navigate(`${lib.baseUrl}/apply`)).url).toBe(`${lib.baseUrl}/apply`);
    const { cookie, state } = await openSession(wallet);
    wallet = state;
    const { services } = (await (await fetch(`${p.issuer}/api/wallet/services`, { headers: { cookie } })).json()) as { services: Array<{ clientId: string; name: string }> };
    const service = services.find((s) => s.name === 'Library card application')!;
    const revoked = await fetch(`${p.issuer}/api/wallet/services/${service.clientId}`, { method: 'DELETE', headers: { cookie } });
    expect(revoked.status).toBe(204);
    const after = await ua.request(`${lib.baseUrl}/apply`);
    expect(after.status).toBe(303);
    // The resident is told why the session ended, once.
    expect(after.location).toBe(`${lib.baseUrl}/ended`);
    expect((await ua.request(`${lib.baseUrl}/ended`)).body).toContain('access was revoked in the Yat wallet');
    expect((await ua.request(`${lib.baseUrl}/apply`)).location).toBe(`${lib.baseUrl}/`);
  });

  test('logout ends the service session and sends the browser to the platform to end it there', async () => {
    const ua = createUserAgent();
    const form = await logIn(ua, ['name_en']);
    const out = await ua.request(`${lib.baseUrl}/logout`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `csrf=${csrfOf(form.body)}` });
    expect(out.status).toBe(303);
    const end = new URL(out.location!);
    expect(`${end.origin}${end.pathname}`).toBe(`${p.issuer}/oidc/session/end`);
    expect(end.searchParams.get('id_token_hint')).toBeTruthy();
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${lib.baseUrl}/logged-out`);
    const confirm = await ua.navigate(out.location!);
    expect(confirm.status).toBe(200);
    expect((await ua.request(`${lib.baseUrl}/apply`)).status).toBe(303);
  });

  test('pages are trilingual and the back-channel endpoint refuses a forged token', async () => {
    const ua = createUserAgent();
    const zh = await ua.navigate(`${lib.baseUrl}/?lang=zh-Hant`);
    expect(zh.body).toContain('<html lang="zh-Hant"');
    expect(zh.body).toContain('申請圖書證');
    expect((await ua.navigate(`${lib.baseUrl}/`)).body).toContain('<html lang="zh-Hant"');
    expect((await ua.navigate(`${lib.baseUrl}/?lang=zh-Hans`)).body).toContain('申请图书证');
    const forged = await fetch(`${lib.baseUrl}/backchannel-logout`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'logout_token=abc.def.ghi' });
    expect(forged.status).toBe(400);
  });
});
