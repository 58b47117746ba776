import { startAuthentication } from '@simplewebauthn/browser';
import { html, nothing } from 'lit-html';
import { api } from '../api.ts';
import { toBase64url } from '../base64url.ts';
import { loadDeviceKey } from '../device-key.ts';
import type { ScreenCtx } from '../screen.ts';
import { withSession } from '../session.ts';
import { errorBox, formatDate, heading, loadingView, messageOf } from '../ui.ts';
import { wasCancelled } from '../webauthn.ts';

/**
 * "Upgrade at a counter": a one-time QR code and short code for the staff (10 minutes), then,
 * once the staff member has checked the document, the resident's own confirmation with user
 * verification. Opened at /wallet/upgrade#<token> (the link `yat wallet upgrade-code` prints),
 * it goes straight to that upgrade's confirmation.
 */
type Lang3 = { en: string; 'zh-Hant': string; 'zh-Hans': string };
type Shown = { code: string; url: string; expiresAt: string; qrSvg: string };
type Status = { status: 'pending' | 'staff_confirmed' | 'completed' | 'cancelled' | 'expired'; nonce: string; rpId: string; expiresAt: string; counter: { id: string; name: Lang3 } | null };

/** Must equal the platform's `upgradeChallenge` (apps/server/src/counter/protocol.ts). */
async function upgradeChallenge(nonce: string): Promise<string> {
  return toBase64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`yat-counter-upgrade\n${nonce}`)));
}

export function upgradeScreen(ctx: ScreenCtx): void {
  const linked = location.hash.slice(1);
  if (/^[A-Za-z0-9_-]{43}$/.test(linked)) return run(ctx, linked, undefined);
  withSession(ctx, 'upgrade', 'profile', () => api<Shown>('POST', '/api/wallet/upgrade', {}), (shown) => run(ctx, new URL(shown.url).hash.slice(1), shown));
}

function run(ctx: ScreenCtx, token: string, shown: Shown | undefined): void {
  let status: Status | undefined;
  let error = '';
  let busy = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const codeBlock = () => {
    const t = ctx.t;
    if (!shown) return nothing;
    return html`<div class="counter-code">
  <img class="qr" src="data:image/svg+xml;base64,${btoa(shown.qrSvg)}" alt="${t('upgrade.qrAlt')}" width="220" height="220">
  <p>${t('upgrade.codeLabel')}</p>
  <p class="code" data-upgrade-code>${shown.code}</p>
  <p class="muted">${t('upgrade.expires', { time: formatDate(ctx.lang, shown.expiresAt) })}</p>
</div>`;
  };

  const view = () => {
    const t = ctx.t;
    if (!status) return loadingView(t, 'upgrade:loading');
    if (status.status === 'completed') return { key: 'upgrade:done', title: t('upgrade.doneTitle'), nav: 'profile' as const, body: html`${heading(t('upgrade.doneTitle'))}<p class="lead">${t('upgrade.done')}</p><p><a class="button" href="/wallet/" data-nav>${t('app.home')}</a></p>` };
    if (status.status === 'expired' || status.status === 'cancelled') {
      return { key: 'upgrade:expired', title: t('upgrade.title'), nav: 'profile' as const, body: html`${heading(t('upgrade.title'))}${errorBox(t, t('upgrade.expired'))}<p><a class="button" href="/wallet/upgrade" data-nav>${t('upgrade.newCode')}</a></p>` };
    }
    const counter = status.counter ? status.counter.name[ctx.lang] : '';
    const body =
      status.status === 'pending'
        ? html`<p>${t('upgrade.intro')}</p>${codeBlock()}<p class="status" role="status">${t('upgrade.waiting')}</p>`
        : html`<p class="lead" role="status">${t('upgrade.staffConfirmed')}</p>${counter ? html`<p>${t('upgrade.atCounter', { counter })}</p>` : nothing}
<p><button type="button" class="button block" ?disabled=${busy} @click=${confirm}>${t('upgrade.confirm')}</button></p>`;
    return { key: `upgrade:${status.status}`, title: t('upgrade.title'), nav: 'profile' as const, body: html`${heading(t('upgrade.title'))}${errorBox(t, error)}${body}` };
  };

  async function poll() {
    if (!ctx.alive()) return;
    try {
      status = await api<Status>('GET', `/api/wallet/upgrade/${token}`);
      error = '';
    } catch (err) {
      error = messageOf(ctx.t, err);
    }
    ctx.show(view);
    if (status?.status === 'pending' && ctx.alive()) timer = setTimeout(() => void poll(), 2000);
  }

  async function confirm() {
    if (!status) return;
    clearTimeout(timer);
    busy = true;
    error = '';
    ctx.show(view);
    try {
      const key = loadDeviceKey();
      const credential = await startAuthentication({
        optionsJSON: { challenge: await upgradeChallenge(status.nonce), rpId: status.rpId, userVerification: 'required', timeout: 120_000, allowCredentials: key ? [{ id: key.credentialId, type: 'public-key' }] : [] },
      });
      await api('POST', `/api/wallet/upgrade/${token}/approve`, { credential });
      status = { ...status, status: 'completed' };
    } catch (err) {
      error = wasCancelled(err) ? ctx.t('upgrade.cancelled') : messageOf(ctx.t, err);
    }
    busy = false;
    ctx.show(view);
  }

  ctx.show(view);
  void poll();
}
