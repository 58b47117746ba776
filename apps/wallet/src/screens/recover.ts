import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { html, nothing } from 'lit-html';
import { api } from '../api.ts';
import { saveDeviceKey } from '../device-key.ts';
import type { ScreenCtx } from '../screen.ts';
import { errorBox, heading, messageOf } from '../ui.ts';
import { createDeviceCredential, wasCancelled, webauthnAvailable } from '../webauthn.ts';

/**
 * Recovery on a new phone: the one-time code a registration counter issued (30 minutes) binds
 * a new device key; the platform revokes every older device and tells the resident by SMS.
 */
export function recoverScreen(ctx: ScreenCtx): void {
  let error = '';
  let busy = false;
  const form = { code: '', deviceName: '' };

  const view = () => {
    const t = ctx.t;
    form.deviceName ||= t('register.defaultDeviceName');
    return {
      key: 'recover',
      title: t('recover.title'),
      body: html`${heading(t('recover.title'))}${errorBox(t, error)}
<p>${t('recover.intro')}</p>
<form @submit=${submit} novalidate>
  <div class="field"><label for="recovery-code">${t('recover.code')}</label><p class="hint" id="recovery-code-hint">${t('recover.codeHint')}</p>
    <input id="recovery-code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="12" required .value=${form.code} @input=${(e: Event) => (form.code = (e.target as HTMLInputElement).value)} aria-describedby="recovery-code-hint" aria-invalid=${error ? 'true' : nothing}></div>
  <div class="field"><label for="recovery-device">${t('recover.deviceName')}</label>
    <input id="recovery-device" name="deviceName" maxlength="60" autocomplete="off" required .value=${form.deviceName} @input=${(e: Event) => (form.deviceName = (e.target as HTMLInputElement).value)}></div>
  <p><button class="button block" type="submit" ?disabled=${busy}>${t('recover.submit')}</button></p>
</form>`,
    };
  };

  async function submit(e: Event) {
    e.preventDefault();
    const code = form.code.trim();
    const deviceName = form.deviceName.trim() || ctx.t('register.defaultDeviceName');
    if (!code) {
      error = ctx.t('recover.missing');
      return ctx.show(view);
    }
    if (!webauthnAvailable()) {
      error = ctx.t('register.unsupported');
      return ctx.show(view);
    }
    busy = true;
    error = '';
    ctx.show(view);
    try {
      const { options } = await api<{ options: PublicKeyCredentialCreationOptionsJSON }>('POST', '/api/wallet/recovery', { code });
      const credential = await createDeviceCredential(options);
      const done = await api<{ residentId: string; credentialId: string }>('POST', '/api/wallet/recovery/complete', { code, credential, deviceName });
      saveDeviceKey({ credentialId: done.credentialId, residentId: done.residentId, deviceName });
      ctx.setSignedIn(true);
      ctx.go('/wallet/', { replace: true, flash: ctx.t('recover.done') });
    } catch (err) {
      busy = false;
      error = wasCancelled(err) ? ctx.t('recover.cancelled') : messageOf(ctx.t, err);
      ctx.show(view);
    }
  }

  ctx.show(view);
}
