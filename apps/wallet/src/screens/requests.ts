import { html, nothing } from 'lit-html';
import { api, type CibaRequest } from '../api.ts';
import { loadDeviceKey } from '../device-key.ts';
import type { ScreenCtx } from '../screen.ts';
import { withSession } from '../session.ts';
import { errorBox, formatDate, heading, logoOf, messageOf } from '../ui.ts';
import { signCibaApproval, wasCancelled } from '../webauthn.ts';

/**
 * Requests services sent without a sign-in page (CIBA: a call centre, a counter, a step-up):
 * who asks, their verified name and registered address, the message they gave, Approve
 * (with the device key and user verification) or Decline.
 */
export function requestsScreen(ctx: ScreenCtx): void {
  const load = () => api<{ requests: CibaRequest[] }>('GET', '/api/wallet/ciba-requests').then((r) => r.requests);
  withSession(ctx, 'requests', 'profile', load, (requests) => showRequests(ctx, requests, load));
}

function showRequests(ctx: ScreenCtx, requests: CibaRequest[], load: () => Promise<CibaRequest[]>): void {
  let error = '';
  let busy = false;

  const card = (r: CibaRequest, i: number) => {
    const t = ctx.t;
    const id = `req-${i}`;
    const s = r.service;
    return html`<li class="card" aria-labelledby="${id}">
  <div class="service">${logoOf(s)}<div><h2 id="${id}">${s.name}</h2>
    ${s.department ? html`<p class="muted">${s.department}</p>` : nothing}
    ${s.domain ? html`<p class="muted">${t('approve.domain', { domain: s.domain })}</p>` : nothing}
    <p>${s.verified ? html`<span class="badge ok">${t('approve.verified')}</span>` : html`<span class="badge warn">${t('approve.unverified')}</span>`}</p>
  </div></div>
  <p class="binding-message">${t('ciba.message', { message: r.bindingMessage })}</p>
  <p class="muted">${t('ciba.expires', { time: formatDate(ctx.lang, r.expiresAt) })}</p>
  ${r.satisfiable ? nothing : html`<p class="notice">${t('ciba.stepUp')}</p>`}
  <div class="actions">
    ${r.satisfiable ? html`<button type="button" class="button block" ?disabled=${busy} @click=${() => approve(r)}>${t('ciba.approve')}</button>` : nothing}
    <button type="button" class="button secondary block" ?disabled=${busy} @click=${() => decline(r)}>${t('ciba.decline')}</button>
  </div>
</li>`;
  };

  const view = () => {
    const t = ctx.t;
    return {
      key: 'requests',
      title: t('ciba.title'),
      nav: 'profile' as const,
      body: html`${heading(t('ciba.title'))}<p>${t('ciba.intro')}</p>${errorBox(t, error)}
${requests.length ? html`<ul class="cards">${requests.map(card)}</ul>` : html`<p class="empty">${t('ciba.none')}</p>`}
<p><button type="button" class="button secondary" ?disabled=${busy} @click=${refresh}>${t('ciba.refresh')}</button></p>`,
    };
  };

  async function act(r: CibaRequest, fn: () => Promise<unknown>, done: string) {
    busy = true;
    error = '';
    ctx.show(view);
    try {
      await fn();
      requests = requests.filter((x) => x.id !== r.id);
      busy = false;
      ctx.flash(done);
      document.getElementById('main')?.focus();
    } catch (err) {
      busy = false;
      error = wasCancelled(err) ? ctx.t('approve.cancelled') : messageOf(ctx.t, err);
    }
    ctx.show(view);
  }

  const approve = (r: CibaRequest) =>
    act(
      r,
      async () => {
        const key = loadDeviceKey();
        const credential = await signCibaApproval(r, key?.credentialId);
        await api('POST', `/api/wallet/ciba-requests/${r.id}/approve`, { credential });
      },
      ctx.t('ciba.approved', { service: r.service.name }),
    );

  const decline = (r: CibaRequest) => act(r, () => api('POST', `/api/wallet/ciba-requests/${r.id}/decline`, {}), ctx.t('ciba.declined', { service: r.service.name }));

  async function refresh() {
    try {
      requests = await load();
      error = '';
    } catch (err) {
      error = messageOf(ctx.t, err);
    }
    ctx.show(view);
  }

  ctx.show(view);
}
