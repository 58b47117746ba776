import { html, nothing } from 'lit-html';
import { api, ApiError, type LoginRequest, type ServiceInfo } from '../api.ts';
import { loadDeviceKey, rememberPendingLogin } from '../device-key.ts';
import { isLoginToken } from '../login-link.ts';
import { rememberApproval } from '../ledger.ts';
import type { ScreenCtx } from '../screen.ts';
import { departmentName, errorBox, fieldLabel, formatDate, heading, listOf, loadingView, logoOf, messageOf, serviceName as nameOf } from '../ui.ts';
import { signApproval, wasCancelled } from '../webauthn.ts';

/**
 * The approval screen, reached from a scanned QR code or the sign-in page's "open on this
 * device" link: who asks, for what, a switch per optional field, Approve / Decline.
 */
type State = 'loading' | 'register' | 'ready' | 'approved' | 'declined' | 'gone';
type Gone = { kind: 'used' | 'expired' | 'unknown' | 'other'; service?: ServiceInfo };

/**
 * Same device: this browser showed the sign-in page, so it holds the page's binding cookie and
 * may ask that page's status. (The platform sends no Referer, so the referrer cannot tell.)
 */
async function openedOnSameDevice(continueUrl: string | undefined): Promise<boolean> {
  if (!continueUrl || !/^\/interaction\/[A-Za-z0-9_-]+\/continue$/.test(continueUrl)) return false;
  try {
    const res = await fetch(continueUrl.replace(/\/continue$/, '/status?probe=1'), { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } });
    return res.ok && ((await res.json()) as { sameBrowser?: boolean }).sameBrowser === true;
  } catch {
    return false;
  }
}

/** Whether the service asks to send notifications, and the answer given before (none: off). */
async function notificationsOffer(clientId: string): Promise<{ offered: boolean; allowed: boolean }> {
  const offer = await api<{ offered: boolean; allowed: boolean | null }>('GET', `/api/wallet/notifications/offer/${encodeURIComponent(clientId)}`).catch(() => ({ offered: false, allowed: null }));
  return { offered: offer.offered, allowed: offer.allowed === true };
}

export function approveScreen(ctx: ScreenCtx): void {
  const token = location.hash.slice(1);
  let state: State = 'loading';
  let req: LoginRequest | undefined;
  let sameDevice = false;
  let error = '';
  let gone: Gone = { kind: 'other' };
  let busy = false;
  let shared: string[] = [];
  let code = '';
  const off = new Set<string>();
  // The service registered notifications: the resident may allow them here (off unless they said yes before).
  let notify: { offered: boolean; allowed: boolean } = { offered: false, allowed: false };

  const serviceName = () => (req ? nameOf(req.service, ctx.lang) : '');
  const label = (name: string) => fieldLabel(ctx.t, name, req?.fields.find((f) => f.name === name)?.label, ctx.lang);

  function fieldsList() {
    const t = ctx.t;
    if (!req) return nothing;
    if (!req.fields.length) return html`<p>${t('approve.onlySignIn')}</p>`;
    return html`<ul class="share-list">
${req.fields.map((f) => {
  const name = label(f.name);
  // Why the service asks, as it said in the resident's language: read before deciding.
  const purpose = f.purpose ? html`<span class="note purpose">${t('approve.purpose', { purpose: f.purpose[ctx.lang] })}</span>` : nothing;
  const note = f.alreadyGranted ? html`<span class="note">${t('approve.alreadyShared')}</span>` : nothing;
  return f.required
    ? html`<li><span class="field-name">${name}${purpose}${note}</span><span class="tag">${t('approve.required')}</span></li>`
    : html`<li><label class="field-name" for="share-${f.name}">${name}${purpose}${note}</label>
        <input class="switch" type="checkbox" role="switch" id="share-${f.name}" name="share" value="${f.name}" .checked=${!off.has(f.name)} @change=${(e: Event) => toggle(f.name, (e.target as HTMLInputElement).checked)}></li>`;
})}
</ul>`;
  }

  function readyBody() {
    const t = ctx.t;
    const s = req!.service;
    const name = nameOf(s, ctx.lang);
    const department = departmentName(s, ctx.lang);
    return html`<div class="service">${logoOf(s, ctx.lang)}<div>
  ${heading(t('approve.title', { service: name }))}
  ${department ? html`<p class="muted">${t('approve.department', { department })}</p>` : nothing}
  ${s.domain ? html`<p class="muted">${t('approve.domain', { domain: s.domain })}</p>` : nothing}
  <p>${s.verified ? html`<span class="badge ok">${t('approve.verified')}</span>` : html`<span class="badge warn">${t('approve.unverified')}</span>`}</p>
</div></div>
${errorBox(t, error)}
<h2>${t('approve.asks', { service: name })}</h2>
${fieldsList()}
${notifySwitch()}
${codePick()}
<p class="muted">${t('approve.expires', { time: formatDate(ctx.lang, req!.expiresAt) })}</p>
<div class="actions">
  <button type="button" class="button block" ?disabled=${busy} @click=${approve}>${t('approve.approve')}</button>
  <button type="button" class="button secondary block" ?disabled=${busy} @click=${decline}>${t('approve.decline')}</button>
</div>`;
  }

  function doneBody() {
    const t = ctx.t;
    const service = serviceName();
    if (state === 'declined') return html`${heading(t('approve.declinedTitle'))}<p class="lead">${t('approve.declinedText', { service })}</p>`;
    return html`${heading(t('approve.approvedTitle'))}
<p class="lead">${sameDevice && req?.continueUrl ? t('approve.returning', { service }) : t('approve.returnToComputer', { service })}</p>
<p>${shared.length ? t('approve.sharedList', { fields: listOf(ctx.lang, shared.map(label)) }) : t('approve.sharedNothing')}</p>`;
  }

  /** No wallet on this phone yet: registration comes first, and brings the resident back here. */
  function registerFirstBody() {
    const t = ctx.t;
    return html`${heading(t('approve.registerFirstTitle'))}
<p class="lead">${t('approve.registerFirst', { service: serviceName() })}</p>
<p><a class="button block" href="/wallet/register" data-nav>${t('welcome.register')}</a></p>`;
  }

  /** A request that cannot be answered now says why in plain words, and leads back to the service. */
  function goneView() {
    const t = ctx.t;
    const service = gone.service ? nameOf(gone.service, ctx.lang) : '';
    const back = gone.service?.url ? html`<p><a class="button" href="${gone.service.url}">${t('approve.backTo', { service })}</a></p>` : nothing;
    const [title, text] =
      gone.kind === 'used' && service ? [t('approve.usedTitle'), t('approve.usedText', { service })]
      : gone.kind === 'expired' && service ? [t('approve.expiredTitle'), t('approve.expiredText', { service })]
      : gone.kind === 'unknown' ? [t('approve.unknownTitle'), t('approve.unknownText')]
      : [t('approve.unknownTitle'), error];
    return {
      key: `approve:gone:${gone.kind}`,
      title,
      // 'other' is an answer to this phone's own action (a wrong code): said as an alert.
      body: html`${heading(title)}${gone.kind === 'other' ? html`<p class="lead" role="alert">${text}</p>` : html`<p class="lead">${text}</p>`}${back}
<p><a class="button secondary" href="/wallet/" data-nav>${t('app.toWallet')}</a></p>`,
    };
  }

  function notifySwitch() {
    const t = ctx.t;
    if (!notify.offered) return nothing;
    return html`<ul class="share-list notify-offer"><li>
  <label class="field-name" for="allow-notifications">${t('approve.notifications', { service: serviceName() })}<span class="note">${t('approve.notificationsHint')}</span></label>
  <input class="switch" type="checkbox" role="switch" id="allow-notifications" .checked=${notify.allowed} @change=${(e: Event) => (notify.allowed = (e.target as HTMLInputElement).checked)}>
</li></ul>`;
  }

  // The sign-in page shows one of these codes; picking it proves the resident is looking at that page (docs/security.md).
  function codePick() {
    const t = ctx.t;
    if (!req?.codeChoices?.length) return nothing;
    return html`<fieldset class="code-pick"><legend><h2>${t('approve.codeTitle')}</h2></legend>
<p class="muted">${t('approve.codeHelp')}</p>
<div class="code-choices">${req.codeChoices.map((c) => html`<label class="code-choice"><input type="radio" name="code" value="${c}" .checked=${code === c} @change=${() => (code = c)}><span>${c}</span></label>`)}</div>
</fieldset>`;
  }

  const view = () => {
    const t = ctx.t;
    if (state === 'loading') return loadingView(t, 'approve:loading');
    if (state === 'gone') return goneView();
    if (state === 'register') return { key: 'approve:register', title: t('approve.registerFirstTitle'), body: registerFirstBody() };
    if (state === 'ready') return { key: 'approve:ready', title: t('approve.title', { service: serviceName() }), body: readyBody() };
    return { key: `approve:${state}`, title: t(state === 'approved' ? 'approve.approvedTitle' : 'approve.declinedTitle'), body: doneBody() };
  };

  function toggle(name: string, on: boolean) {
    if (on) off.delete(name);
    else off.add(name);
  }

  async function approve() {
    if (!req) return;
    const key = loadDeviceKey();
    if (!key) {
      rememberPendingLogin(token);
      state = 'register';
      ctx.show(view);
      return;
    }
    const share = req.fields.filter((f) => f.required || !off.has(f.name)).map((f) => f.name);
    if (!code) {
      error = ctx.t('approve.codeMissing');
      ctx.show(view);
      return;
    }
    busy = true;
    error = '';
    ctx.show(view);
    try {
      const credential = await signApproval(req, share, code, key.credentialId);
      const answer = notify.offered ? { notifications: notify.allowed } : {};
      const result = await api<{ shared: string[] }>('POST', `/api/wallet/login-requests/${token}/approve`, { credential, share, code, ...answer });
      shared = result.shared ?? share;
      rememberApproval(req.service.clientId);
      finish('approved');
    } catch (err) {
      busy = false;
      error = wasCancelled(err) ? ctx.t('approve.cancelled') : messageOf(ctx.t, err);
      // A wrong code cancels the request on the platform: nothing more to approve here.
      if (err instanceof ApiError && err.code === 'wrong_code') state = 'gone';
      ctx.show(view);
    }
  }

  async function decline() {
    busy = true;
    error = '';
    ctx.show(view);
    try {
      await api('POST', `/api/wallet/login-requests/${token}/decline`, {});
      finish('declined');
    } catch (err) {
      busy = false;
      error = messageOf(ctx.t, err);
      ctx.show(view);
    }
  }

  function finish(next: State) {
    state = next;
    ctx.show(view);
    // Same device: the service's page is gone from this tab, so the wallet takes the resident back.
    if (sameDevice && req?.continueUrl) location.assign(req.continueUrl);
  }

  async function load() {
    if (!isLoginToken(token)) {
      state = 'gone';
      gone = { kind: 'unknown' };
      return ctx.show(view);
    }
    try {
      req = await api<LoginRequest>('GET', `/api/wallet/login-requests/${token}`);
      notify = await notificationsOffer(req.service.clientId);
      sameDevice = await openedOnSameDevice(req.continueUrl);
      // A phone without a wallet registers first; nothing to decide until it can approve.
      if (loadDeviceKey()) state = 'ready';
      else {
        rememberPendingLogin(token);
        state = 'register';
      }
    } catch (err) {
      state = 'gone';
      const service = err instanceof ApiError ? (err.details?.service as ServiceInfo | undefined) : undefined;
      const kinds: Record<string, Gone['kind']> = { request_used: 'used', request_expired: 'expired', unknown_request: 'unknown' };
      gone = { kind: (err instanceof ApiError && kinds[err.code]) || 'other', service };
      error = messageOf(ctx.t, err);
    }
    ctx.show(view);
  }

  ctx.show(view);
  void load();
}
