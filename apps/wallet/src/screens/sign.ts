import { html, nothing } from 'lit-html';
import { api, ApiError, type SigningRequest } from '../api.ts';
import { loadDeviceKey } from '../device-key.ts';
import { isLoginToken } from '../login-link.ts';
import type { ScreenCtx } from '../screen.ts';
import { errorBox, formatDate, heading, loadingView, logoOf, messageOf } from '../ui.ts';
import { signDocumentsApproval, wasCancelled } from '../webauthn.ts';

/**
 * The signing screen, reached from a service's signing QR code or link: which service asks,
 * each document's name and SHA-256 fingerprint, and the verification code to compare with
 * the one the service's page shows. Approving signs exactly these documents (the WebAuthn
 * challenge covers their digests); it needs the plus level.
 */
type State = 'loading' | 'ready' | 'signed' | 'declined' | 'gone';

export function signScreen(ctx: ScreenCtx): void {
  const token = location.hash.slice(1);
  let state: State = 'loading';
  let req: SigningRequest | undefined;
  let error = '';
  let busy = false;
  let noDevice = false;

  function readyBody() {
    const t = ctx.t;
    const s = req!.service;
    return html`<div class="service">${logoOf(s)}<div>
  ${heading(t('sign.title', { service: s.name }))}
  ${s.department ? html`<p class="muted">${t('approve.department', { department: s.department })}</p>` : nothing}
  <p>${s.verified ? html`<span class="badge ok">${t('approve.verified')}</span>` : html`<span class="badge warn">${t('approve.unverified')}</span>`}</p>
</div></div>
${errorBox(t, error)}
${noDevice ? html`<p class="notice">${t('sign.noDevice')}</p><p><a class="button block" href="/wallet/register" data-nav>${t('welcome.register')}</a></p>` : nothing}
<h2>${t('sign.code')}</h2>
<p class="verification-code" data-verification-code>${req!.verificationCode}</p>
<p class="muted">${t('sign.codeHint', { service: s.name })}</p>
<h2>${t('sign.documents')}</h2>
<ul class="document-list">
${req!.documents.map(
  (d) => html`<li><span class="field-name">${d.name}</span>
  <span class="muted">${t(d.kind === 'pdf' ? 'sign.kindPdf' : 'sign.kindHash')}</span>
  <span class="fingerprint"><span class="visually-hidden">${t('sign.fingerprint')} </span><code>${d.fingerprint}</code></span></li>`,
)}
</ul>
<p>${t('sign.legal')}</p>
<p class="muted">${t('approve.expires', { time: formatDate(ctx.lang, req!.expiresAt) })}</p>
<div class="actions">
  <button type="button" class="button block" ?disabled=${busy} @click=${approve}>${t('sign.approve')}</button>
  <button type="button" class="button secondary block" ?disabled=${busy} @click=${decline}>${t('approve.decline')}</button>
</div>`;
  }

  const view = () => {
    const t = ctx.t;
    if (state === 'loading') return loadingView(t, 'sign:loading');
    if (state === 'gone') return { key: 'sign:gone', title: t('app.error'), body: html`${heading(t('app.error'))}${errorBox(t, error)}<p><a class="button" href="/wallet/scan" data-nav>${t('scan.title')}</a></p>` };
    if (state === 'ready') return { key: 'sign:ready', title: t('sign.title', { service: req?.service.name ?? '' }), body: readyBody() };
    const title = t(state === 'signed' ? 'sign.signedTitle' : 'approve.declinedTitle');
    const text = state === 'signed' ? t('sign.signedText', { service: req?.service.name ?? '' }) : t('sign.declinedText', { service: req?.service.name ?? '' });
    return { key: `sign:${state}`, title, body: html`${heading(title)}<p class="lead">${text}</p>` };
  };

  async function approve() {
    if (!req) return;
    const key = loadDeviceKey();
    if (!key) {
      noDevice = true;
      return ctx.show(view);
    }
    busy = true;
    error = '';
    ctx.show(view);
    try {
      const credential = await signDocumentsApproval(req, key.credentialId);
      await api('POST', `/api/wallet/signing-requests/${token}/approve`, { credential });
      state = 'signed';
    } catch (err) {
      busy = false;
      error = wasCancelled(err) ? ctx.t('sign.cancelled') : err instanceof ApiError && err.code === 'plus_required' ? ctx.t('sign.plusRequired') : messageOf(ctx.t, err);
    }
    ctx.show(view);
  }

  async function decline() {
    busy = true;
    error = '';
    ctx.show(view);
    try {
      await api('POST', `/api/wallet/signing-requests/${token}/decline`, {});
      state = 'declined';
    } catch (err) {
      busy = false;
      error = messageOf(ctx.t, err);
    }
    ctx.show(view);
  }

  async function load() {
    if (!isLoginToken(token)) {
      state = 'gone';
      error = ctx.t('scan.badLink');
      return ctx.show(view);
    }
    try {
      req = await api<SigningRequest>('GET', `/api/wallet/signing-requests/${token}`);
      state = 'ready';
    } catch (err) {
      state = 'gone';
      error = err instanceof ApiError && err.status < 500 && err.code !== 'offline' ? ctx.t('sign.gone', { message: err.message }) : messageOf(ctx.t, err);
    }
    ctx.show(view);
  }

  ctx.show(view);
  void load();
}
