import { html, nothing } from 'lit-html';
import { api, type ConnectedService } from '../api.ts';
import type { ScreenCtx } from '../screen.ts';
import { withSession } from '../session.ts';
import { errorBox, fieldLabel, formatDate, heading, logoOf, messageOf } from '../ui.ts';

/** Connected services: what each holds and since when; revoking signs the service out. */
export function servicesScreen(ctx: ScreenCtx): void {
  const load = () => api<{ services: ConnectedService[] }>('GET', '/api/wallet/services').then((r) => r.services);
  withSession(ctx, 'services', 'services', load, (services) => showServices(ctx, services));
}

function showServices(ctx: ScreenCtx, services: ConnectedService[]): void {
  let confirming: string | undefined;
  let error = '';
  let busy = false;

  const card = (s: ConnectedService) => {
    const t = ctx.t;
    const id = `svc-${services.indexOf(s)}`;
    return html`<li class="card" aria-labelledby="${id}">
  <div class="service">${logoOf(s)}<div><h2 id="${id}">${s.name}</h2>${s.department ? html`<p class="muted">${s.department}</p>` : nothing}</div></div>
  <p>${t('services.since', { date: formatDate(ctx.lang, s.grantedAt, false) })}${s.lastUsedAt ? html`<br>${t('services.lastUsed', { date: formatDate(ctx.lang, s.lastUsedAt) })}` : nothing}</p>
  <h3>${t('services.holds')}</h3>
  ${s.fields.length ? html`<ul class="chips">${s.fields.map((f) => html`<li>${fieldLabel(t, f)}</li>`)}</ul>` : html`<p>${t('services.holdsNothing')}</p>`}
  ${confirming === s.clientId
    ? html`<div class="confirm" role="group" aria-labelledby="${id}-q"><p id="${id}-q">${t('services.confirmRevoke', { service: s.name })}</p>
        <button type="button" class="button danger" ?disabled=${busy} @click=${() => revoke(s)}>${t('services.revokeYes')}</button>
        <button type="button" class="button secondary" @click=${() => ask(undefined)}>${t('app.cancel')}</button></div>`
    : html`<p><button type="button" class="button secondary" aria-label="${t('services.revokeLabel', { service: s.name })}" @click=${() => ask(s.clientId)}>${t('services.revoke')}</button></p>`}
</li>`;
  };

  const view = () => {
    const t = ctx.t;
    return {
      key: 'services',
      title: t('services.title'),
      nav: 'services' as const,
      body: html`${heading(t('services.title'))}<p>${t('services.intro')}</p>${errorBox(t, error)}
${services.length ? html`<ul class="cards">${services.map(card)}</ul>` : html`<p class="empty">${t('services.empty')}</p>`}`,
    };
  };

  function ask(clientId: string | undefined) {
    confirming = clientId;
    ctx.show(view);
    document.querySelector<HTMLElement>(clientId ? '.confirm button' : '.cards button')?.focus();
  }

  async function revoke(s: ConnectedService) {
    busy = true;
    ctx.show(view);
    try {
      await api('DELETE', `/api/wallet/services/${encodeURIComponent(s.clientId)}`);
      services = services.filter((x) => x.clientId !== s.clientId);
      confirming = undefined;
      busy = false;
      ctx.flash(ctx.t('services.revoked', { service: s.name }));
      document.getElementById('main')?.focus();
    } catch (err) {
      busy = false;
      error = messageOf(ctx.t, err);
      ctx.show(view);
    }
  }

  ctx.show(view);
}
