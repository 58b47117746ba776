import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WalletState } from '../../../../../packages/cli/src/wallet/headless-wallet.ts';
import { translator } from '../../../src/i18n/index.ts';
import { registeredWallet } from '../../support/login.ts';
import { startPlatform, type Platform } from '../../support/platform.ts';
import type { UserAgent } from '../../support/user-agent.ts';
import { departmentClient, drivingLicenceAnswers, hiddenValue, pdfBytes, portalSignIn, postForm } from './portal-support.ts';

/**
 * A resident signs in to the portal (a relying party of the platform like any other), fills
 * in a hosted form pre-filled from e-ME, gets it wrong, gets it right, submits twice by
 * accident, and follows the application as the department works on it.
 */
const t = translator('en');
let p: Platform;
let wallet: WalletState;
let ua: UserAgent;
const form = () => `${p.issuer}/apply/renew-driving-licence`;

beforeAll(async () => {
  p = await startPlatform();
  wallet = await registeredWallet(p);
  ({ ua, wallet } = await portalSignIn(p, wallet, '/apply/renew-driving-licence'));
});
afterAll(async () => p?.close());

describe('signing in to the portal', () => {
  test('lands on the page asked for, signed in, with the account links in the header', async () => {
    const page = await ua.navigate(form());
    expect(page.status).toBe(200);
    expect(page.body).toContain(t('applications.nav.applications'));
    expect(page.body).toContain('action="/account/logout"');
  });

  test('a return path to another site is refused and replaced by the home page', async () => {
    const other = await portalSignIn(p, wallet, 'https://evil.example/');
    wallet = other.wallet;
    expect(new URL(other.landed.url).pathname).toBe('/');
  });

  test('pages that need a resident send a stranger to sign in first', async () => {
    const res = await fetch(`${p.issuer}/applications`, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account/login?return=%2Fapplications');
  });
});

describe('a hosted form', () => {
  test('is pre-filled from the e-ME claims the resident shared', async () => {
    const page = await ua.navigate(form());
    expect(page.body).toContain('value="CHAN Tai Man"');
    expect(page.body).toContain('value="A123456(3)"');
    expect(page.body).toContain('value="1980-01-31"');
    expect(page.body).toContain('value="91234567"');
    expect(page.body).toContain(t('applications.form.prefilled'));
  });

  test('bad input is rejected with a summary and a message next to each field', async () => {
    const page = await ua.navigate(form());
    const res = await postForm(ua, form(), page, { ...drivingLicenceAnswers(), licence_number: '', email: 'not-an-email', declaration: [] as unknown as string, medical_condition: 'yes' });
    expect(res.status).toBe(400);
    expect(res.body).toContain(`<title>Error:`);
    const summary = res.body.slice(res.body.indexOf('class="error-summary"'), res.body.indexOf('</div>', res.body.indexOf('class="error-summary"')));
    expect(summary).toContain('href="#f-licence_number">Enter your driving licence number</a>');
    expect(summary).toContain(`href="#f-email">${t('applications.validation.email')}</a>`);
    expect(summary).toContain('href="#f-medical_details"');
    expect(summary).toContain('href="#f-medical_certificate">Upload your medical examination report (form TD256)</a>');
    expect(summary).toContain(`href="#f-declaration">${t('applications.validation.declaration')}</a>`);
    // The message sits with its field and is tied to the input for screen readers.
    expect(res.body).toMatch(/<p class="error-message" id="f-licence_number-error">.*Enter your driving licence number<\/p><input type="text" id="f-licence_number" name="licence_number" value="" aria-describedby="f-licence_number-hint f-licence_number-error" aria-invalid="true">/s);
    // What was typed is kept.
    expect(res.body).toContain('value="not-an-email"');
  });

  test('attachments are checked for size and type', async () => {
    const page = await ua.navigate(form());
    const base = { ...drivingLicenceAnswers(), medical_condition: 'yes', medical_details: 'Short-sighted' };
    const tooBig = await postForm(ua, form(), page, base, [{ field: 'medical_certificate', name: 'report.pdf', type: 'application/pdf', bytes: pdfBytes(5 * 1024 * 1024 + 10) }]);
    expect(tooBig.status).toBe(400);
    expect(tooBig.body).toContain('The file for medical examination report (form TD256) must be smaller than 5 MB');
    const notPdf = await postForm(ua, form(), page, base, [{ field: 'medical_certificate', name: 'report.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('MZ this is not a PDF') }]);
    expect(notPdf.status).toBe(400);
    expect(notPdf.body).toContain('The file for medical examination report (form TD256) must be a PDF, JPG or PNG');
  });

  test('a draft is saved and shown again', async () => {
    const page = await ua.navigate(form());
    const res = await postForm(ua, form(), page, { ...drivingLicenceAnswers(), licence_number: 'B765432', action: 'save' });
    expect(res.status).toBe(303);
    const again = await ua.navigate(res.location!);
    expect(again.body).toContain(t('applications.form.saved'));
    expect(again.body).toContain('value="B765432"');
  });

  test('a form with a bad CSRF token is refused', async () => {
    const page = await ua.navigate(form());
    const forged = { ...page, body: page.body.replace(/name="csrf" value="[^"]*"/, 'name="csrf" value="forged"') };
    const res = await postForm(ua, form(), forged, drivingLicenceAnswers());
    expect(res.status).toBe(403);
  });
});

describe('submitting and following an application', () => {
  let reference = '';

  test('submitting twice (same form) creates one application with a reference number', async () => {
    const page = await ua.navigate(form());
    const [a, b] = await Promise.all([postForm(ua, form(), page, drivingLicenceAnswers()), postForm(ua, form(), page, drivingLicenceAnswers())]);
    const c = await postForm(ua, form(), page, drivingLicenceAnswers());
    for (const r of [a, b, c]) expect(r.status).toBe(303);
    expect(new Set([a.location, b.location, c.location]).size).toBe(1);
    reference = /\/applications\/([^?]+)/.exec(a.location!)![1]!;
    expect(reference).toMatch(/^TD-\d{4}-\d{6}$/);
    const confirmation = await ua.navigate(a.location!);
    expect(confirmation.body).toContain(t('applications.detail.submittedTitle'));
    expect(confirmation.body).toContain(reference);
    expect(confirmation.body).toContain('data-status="submitted"');
    const list = await ua.navigate(`${p.issuer}/applications`);
    expect(list.body.match(/<tr><td><a href="\/applications\/TD-/g)).toHaveLength(1);
  });

  test('the department lists, reads and approves it; other departments cannot see it', async () => {
    const td = await departmentClient(p, 'Transport Department');
    const reo = await departmentClient(p, 'Registration and Electoral Office');
    const stranger = await departmentClient(p, undefined);

    const list = await td.call('GET', '/api/department/applications');
    expect(list.status).toBe(200);
    expect(list.json.applications.map((a: { reference: string }) => a.reference)).toEqual([reference]);
    const one = await td.call('GET', `/api/department/applications/${reference}`);
    expect(one.json.answers).toMatchObject({ full_name: 'CHAN Tai Man', licence_number: 'A123456', classes: ['1'] });

    expect((await reo.call('GET', '/api/department/applications')).json.applications).toEqual([]);
    expect((await reo.call('GET', `/api/department/applications/${reference}`)).status).toBe(404);
    expect((await reo.call('POST', `/api/department/applications/${reference}/status`, { status: 'rejected' })).status).toBe(404);
    expect((await stranger.call('GET', '/api/department/applications')).status).toBe(403);
    const anonymous = await fetch(`${p.issuer}/api/department/applications`);
    expect(anonymous.status).toBe(401);

    expect((await td.call('POST', `/api/department/applications/${reference}/status`, { status: 'finished' })).status).toBe(400);
    expect((await td.call('POST', `/api/department/applications/${reference}/status`, { status: 'in_progress' })).status).toBe(200);
    const approved = await td.call('POST', `/api/department/applications/${reference}/status`, { status: 'approved', note: 'Your new licence will be posted to you.' });
    expect(approved.status).toBe(200);
    expect(approved.json.status).toBe('approved');
    expect(approved.json.timeline.map((e: { status: string }) => e.status)).toEqual(['submitted', 'in_progress', 'approved']);
    expect((await td.call('POST', `/api/department/applications/${reference}/status`, { status: 'rejected' })).status).toBe(409);
  });

  test('the resident sees the new status, and an inbox message for each change', async () => {
    const detail = await ua.navigate(`${p.issuer}/applications/${reference}`);
    expect(detail.body).toContain('data-status="approved"');
    expect(detail.body).toContain('Your new licence will be posted to you.');

    const inbox = await ua.navigate(`${p.issuer}/inbox`);
    expect(inbox.body).toContain('data-unread="3"');
    expect(inbox.body).toContain(`Application ${reference}: Approved`);
    const id = /href="\/inbox\/(msg_[^?"]+)\?lang=en">[^<]*<span class="tag">New<\/span> Application [^:]+: Approved/.exec(inbox.body)?.[1];
    expect(id).toBeDefined();
    const message = await ua.navigate(`${p.issuer}/inbox/${id}`);
    expect(message.body).toContain('Your new licence will be posted to you.');
    expect((await ua.navigate(`${p.issuer}/inbox`)).body).toContain('data-unread="2"');

    const zh = await ua.navigate(`${p.issuer}/inbox/${id}?lang=zh-Hant`);
    expect(zh.body).toContain(`申請 ${reference}：已批准`);
  });

  test('signing out ends the portal session and goes to the provider to end its session too', async () => {
    const page = await ua.navigate(`${p.issuer}/applications`);
    const res = await ua.request(`${p.issuer}/account/logout`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `csrf=${encodeURIComponent(hiddenValue(page.body, 'csrf'))}` });
    expect(res.status).toBe(303);
    expect(res.location).toMatch(new RegExp(`^${p.issuer}/oidc/session/end\\?`));
    const after = await ua.request(`${p.issuer}/applications`);
    expect(after.status).toBe(303);
  });
});
