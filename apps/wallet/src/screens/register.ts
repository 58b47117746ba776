import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { html, nothing } from 'lit-html';
import { api } from '../api.ts';
import { saveDeviceKey, takePendingLogin } from '../device-key.ts';
import type { ScreenCtx } from '../screen.ts';
import { errorBox, heading, messageOf } from '../ui.ts';
import { createDeviceCredential, wasCancelled, webauthnAvailable } from '../webauthn.ts';

/**
 * Registration as an explicit journey: identity details → one-time code → device key. Each
 * step is its own view; the resident cannot reach the key step without a verified code.
 */
type Step = { name: 'details' } | { name: 'code'; registrationId: string; phoneHint: string } | { name: 'device'; registrationId: string; options: PublicKeyCredentialCreationOptionsJSON };

export function registerScreen(ctx: ScreenCtx): void {
  let step: Step = { name: 'details' };
  let error = '';
  let invalid = '';
  let busy = false;
  const form = { idNumber: '', dob: '', code: '', deviceName: '' };

  const input = (name: keyof typeof form) => (e: Event) => {
    form[name] = (e.target as HTMLInputElement).value;
  };
  const describedBy = (name: string, hint?: string) => [hint, invalid === name ? `${name}-error` : ''].filter(Boolean).join(' ') || nothing;
  const fieldError = (name: string) => (invalid === name ? html`<p class="field-error" id="${name}-error">${error}</p>` : nothing);

  const stepNumber = () => ({ details: 1, code: 2, device: 3 })[step.name];

  function stepBody() {
    const t = ctx.t;
    if (step.name === 'details') {
      return html`<p>${t('register.detailsIntro')}</p>
<form @submit=${submitDetails} novalidate>
  <div class="field"><label for="idNumber">${t('register.idNumber')}</label>
    <p class="hint" id="idNumber-hint">${t('register.idNumberHint')}</p>${fieldError('idNumber')}
    <input id="idNumber" name="idNumber" autocomplete="off" autocapitalize="characters" spellcheck="false" required .value=${form.idNumber} @input=${input('idNumber')} aria-describedby=${describedBy('idNumber', 'idNumber-hint')} aria-invalid=${invalid === 'idNumber' ? 'true' : 'false'}></div>
  <div class="field"><label for="dob">${t('register.dob')}</label>${fieldError('dob')}
    <input id="dob" name="dob" type="date" autocomplete="bday" required .value=${form.dob} @input=${input('dob')} aria-describedby=${describedBy('dob')} aria-invalid=${invalid === 'dob' ? 'true' : 'false'}></div>
  <p><button class="button block" type="submit" ?disabled=${busy}>${t('register.continue')}</button></p>
</form>`;
    }
    if (step.name === 'code') {
      return html`<h2>${t('register.codeTitle')}</h2><p>${t('register.codeIntro', { phone: step.phoneHint })}</p>
<form @submit=${submitCode} novalidate>
  <div class="field"><label for="code">${t('register.code')}</label>${fieldError('code')}
    <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="10" required .value=${form.code} @input=${input('code')} aria-describedby=${describedBy('code')} aria-invalid=${invalid === 'code' ? 'true' : 'false'}></div>
  <p><button class="button block" type="submit" ?disabled=${busy}>${t('register.continue')}</button></p>
</form>
<div class="actions">
  <button type="button" class="button secondary block" ?disabled=${busy} @click=${resendCode}>${t('register.resend')}</button>
  <button type="button" class="button secondary block" ?disabled=${busy} @click=${changeDetails}>${t('register.changeDetails')}</button>
</div>`;
    }
    return html`<h2>${t('register.deviceTitle')}</h2><p>${t('register.deviceIntro')}</p>
<form @submit=${submitDevice} novalidate>
  <div class="field"><label for="deviceName">${t('register.deviceName')}</label>${fieldError('deviceName')}
    <input id="deviceName" name="deviceName" maxlength="60" autocomplete="off" required .value=${form.deviceName} @input=${input('deviceName')} aria-describedby=${describedBy('deviceName')} aria-invalid=${invalid === 'deviceName' ? 'true' : 'false'}></div>
  <p><button class="button block" type="submit" ?disabled=${busy}>${t('register.create')}</button></p>
</form>`;
  }

  const view = () => {
    const t = ctx.t;
    return {
      key: `register:${step.name}`,
      title: t('register.title'),
      body: html`${heading(t('register.title'))}<p class="muted">${t('register.step', { n: stepNumber() })}</p>${invalid ? nothing : errorBox(t, error)}${stepBody()}`,
    };
  };

  function fail(message: string, field = '') {
    busy = false;
    error = message;
    invalid = field;
    ctx.show(view);
    document.getElementById(field || 'main')?.focus();
  }

  async function run(work: () => Promise<void>) {
    busy = true;
    error = '';
    invalid = '';
    ctx.show(view);
    try {
      await work();
    } catch (err) {
      fail(messageOf(ctx.t, err));
    }
  }

  function submitDetails(e: Event) {
    e.preventDefault();
    if (!form.idNumber.trim()) return fail(ctx.t('register.missing.idNumber'), 'idNumber');
    if (!form.dob) return fail(ctx.t('register.missing.dob'), 'dob');
    void run(async () => {
      const r = await api<{ registrationId: string; phoneHint: string }>('POST', '/api/wallet/registrations', { idNumber: form.idNumber.trim(), dob: form.dob });
      step = { name: 'code', registrationId: r.registrationId, phoneHint: r.phoneHint };
      busy = false;
      ctx.show(view);
      document.getElementById('code')?.focus();
    });
  }

  function submitCode(e: Event) {
    e.preventDefault();
    if (step.name !== 'code') return;
    const { registrationId } = step;
    if (!form.code.trim()) return fail(ctx.t('register.missing.code'), 'code');
    void run(async () => {
      const { options } = await api<{ options: PublicKeyCredentialCreationOptionsJSON }>('POST', `/api/wallet/registrations/${encodeURIComponent(registrationId)}/verify`, { code: form.code.trim() });
      step = { name: 'device', registrationId, options };
      form.deviceName ||= ctx.t('register.defaultDeviceName');
      busy = false;
      ctx.show(view);
      document.getElementById('deviceName')?.focus();
    });
  }

  /** A new code to the same number (the platform limits how many and how often); the old one stops working. */
  function resendCode() {
    if (step.name !== 'code') return;
    const { registrationId } = step;
    void run(async () => {
      const r = await api<{ phoneHint: string }>('POST', `/api/wallet/registrations/${encodeURIComponent(registrationId)}/resend`, {});
      step = { name: 'code', registrationId, phoneHint: r.phoneHint };
      form.code = '';
      busy = false;
      ctx.flash(ctx.t('register.resent', { phone: r.phoneHint }));
      ctx.show(view);
      document.getElementById('code')?.focus();
    });
  }

  /** Back to the first step with what was typed, for a mistyped number or date (a new code follows). */
  function changeDetails() {
    step = { name: 'details' };
    form.code = '';
    error = '';
    invalid = '';
    ctx.flash('');
    ctx.show(view);
    document.getElementById('idNumber')?.focus();
  }

  function submitDevice(e: Event) {
    e.preventDefault();
    if (step.name !== 'device') return;
    const { registrationId, options } = step;
    const deviceName = form.deviceName.trim();
    if (!deviceName) return fail(ctx.t('register.missing.deviceName'), 'deviceName');
    if (!webauthnAvailable()) return fail(ctx.t('register.unsupported'));
    busy = true;
    error = '';
    invalid = '';
    ctx.show(view);
    createDeviceCredential(options)
      .then(async (credential) => {
        const done = await api<{ residentId: string; credentialId: string }>('POST', `/api/wallet/registrations/${encodeURIComponent(registrationId)}/complete`, { credential, deviceName });
        saveDeviceKey({ credentialId: done.credentialId ?? credential.id, residentId: done.residentId, deviceName });
        ctx.setSignedIn(true);
        const pending = takePendingLogin();
        ctx.go(pending ? `/wallet/login#${pending}` : '/wallet/', { replace: true, flash: `${ctx.t('register.doneTitle')}. ${ctx.t('register.doneIntro')}` });
      })
      .catch((err: unknown) => fail(wasCancelled(err) ? ctx.t('register.cancelled') : messageOf(ctx.t, err)));
  }

  ctx.show(view);
}
