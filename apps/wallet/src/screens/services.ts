import { html, nothing } from 'lit-html';
// The switch shows the saved answer, even when a failed change left the box ticked.
import { live } from 'lit-html/directives/live.js';
import { api, type ConnectedService, type NotifyConsent, type RevokedService } from '../api.ts';
import type { ScreenCtx } from '../screen.ts';
import { withSession } from '../session.ts';
import { departmentName, errorBox, fieldLabel, formatDate, heading, listOf, logoOf, messageOf, serviceName } from '../ui.ts';

/**
 * Services: what each one holds and since when (a field allowed but never given is said to be
 * so), revoking (which signs the service out), and the services revoked before, with what they
 * had held.
 */
type Lists = { services: ConnectedService[]; revoked: RevokedService[]; notify: Map<string, boolean> };

export function servicesScreen(ctx: ScreenCtx): void {
  const load = async () => {
    const [r, n] = await Promise.all([api<Lists>('GET', '/api/wallet/services'), api<{ services: NotifyConsent[] }>('GET', '/api/wallet/notifications/consents')]);
    return { services: r.services, revoked: r.revoked ?? [], notify: new Map(n.services.map((s) => [s.clientId, s.allowed])) };
  };
  withSession(ctx, 'services', 'services', load, (lists) => showServices(ctx, lists));
}

function showServices(ctx: ScreenCtx, lists: Lists): void {
  let { services, revoked } = lists;
  const { notify } = lists;
  let confirming: string | undefined;
  let error = '';
  let busy = false;
  const fieldsText = (names: string[]) => listOf(ctx.lang, names.map((f) => fieldLabel(ctx.t, f)));

  const card = (s: ConnectedService) => {
    const t = ctx.t;
    const id = `svc-${services.indexOf(s)}`;
    const name = serviceName(s, ctx.lang);
    const department = departmentName(s, ctx.lang);
    return html`<li class="card" aria-labelledby="${id}">
  <div class="service">${logoOf(s, ctx.lang)}<div><h2 id="${id}">${name}</h2>${department ? html`<p class="muted">${department}</p>` : nothing}</div></div>
  ${s.suspended ? html`<p class="suspended"><span class="badge warn">${t('services.suspended')}</span> ${t('services.suspendedText')}</p>` : nothing}
  <p>${t('services.since', { date: formatDate(ctx.lang, s.grantedAt, false) })}${s.lastUsedAt ? html`<br>${t('services.lastUsed', { date: formatDate(ctx.lang, s.lastUsedAt) })}` : nothing}</p>
  <h3>${t('services.holds')}</h3>
  ${s.fields.length ? html`<ul class="chips">${s.fields.map((f) => html`<li>${fieldLabel(t, f)}</li>`)}</ul>` : html`<p>${t('services.holdsNothing')}</p>`}
  ${s.notGiven?.length ? html`<p class="muted not-given">${t('services.notGiven', { fields: fieldsText(s.notGiven) })}</p>` : nothing}
  ${notify.has(s.clientId) ? notifySwitch(s, id, name) : nothing}
  ${confirming === s.clientId
    ? html`<div class="confirm" role="group" aria-labelledby="${id}-q"><p id="${id}-q">${t('services.confirmRevoke', { service: name })}</p>
        <button type="button" class="button danger" ?disabled=${busy} @click=${() => revoke(s)}>${t('services.revokeYes')}</button>
        <button type="button" class="button secondary" @click=${() => ask(undefined)}>${t('app.cancel')}</button></div>`
    : html`<p><button type="button" class="button secondary" aria-label="${t('services.revokeLabel', { service: name })}" @click=${() => ask(s.clientId)}>${t('services.revoke')}</button></p>`}
</li>`;
  };

  // Only for a service that registered notifications: may it send them?
  const notifySwitch = (s: ConnectedService, id: string, name: string) => html`<ul class="share-list"><li>
  <label class="field-name" for="${id}-notify">${ctx.t('services.notifications', { service: name })}</label>
  <input class="switch" type="checkbox" role="switch" id="${id}-notify" .checked=${live(notify.get(s.clientId) === true)} @change=${(e: Event) => setNotify(s, (e.target as HTMLInputElement).checked)}>
</li></ul>`;

  const revokedCard = (s: RevokedService, i: number) => {
    const t = ctx.t;
    const date = formatDate(ctx.lang, s.revokedAt, false);
    return html`<li class="card revoked" aria-labelledby="rev-${i}">
  <div class="service">${logoOf(s, ctx.lang)}<div><h3 id="rev-${i}">${serviceName(s, ctx.lang)}</h3></div></div>
  <p>${s.fields.length ? t('services.revokedHad', { fields: fieldsText(s.fields), date }) : t('services.revokedSignInOnly', { date })}</p>
</li>`;
  };

  const view = () => {
    const t = ctx.t;
    const current = services.length
      ? html`<ul class="cards">${services.map(card)}</ul>`
      : html`<p class="empty">${revoked.length ? t('services.noneNow') : t('services.empty')}</p>`;
    return {
      key: 'services',
      title: t('services.title'),
      nav: 'services' as const,
      body: html`${heading(t('services.title'))}<p>${t('services.intro')}</p>${errorBox(t, error)}
${current}
${revoked.length ? html`<h2>${t('services.revokedTitle')}</h2><ul class="cards">${revoked.map(revokedCard)}</ul>` : nothing}`,
    };
  };

  function ask(clientId: string | undefined) {
    confirming = clientId;
    ctx.show(view);
    document.querySelector<HTMLElement>(clientId ? '.confirm button' : '.cards button')?.focus();
  }

  async function setNotify(s: ConnectedService, allowed: boolean) {
    error = '';
    try {
      await api('PUT', `/api/wallet/notifications/consents/${encodeURIComponent(s.clientId)}`, { allowed });
      notify.set(s.clientId, allowed);
      ctx.flash(ctx.t(allowed ? 'services.notificationsOn' : 'services.notificationsOff', { service: serviceName(s, ctx.lang) }));
    } catch (err) {
      error = messageOf(ctx.t, err);
      ctx.show(view);
    }
  }

  async function revoke(s: ConnectedService) {
    busy = true;
    ctx.show(view);
    try {
      await api('DELETE', `/api/wallet/services/${encodeURIComponent(s.clientId)}`);
      services = services.filter((x) => x.clientId !== s.clientId);
      revoked = [{ ...s, fields: s.fields, revokedAt: new Date().toISOString() }, ...revoked.filter((x) => x.clientId !== s.clientId)];
      confirming = undefined;
      busy = false;
      ctx.flash(ctx.t('services.revoked', { service: serviceName(s, ctx.lang) }));
      document.getElementById('main')?.focus();
    } catch (err) {
      busy = false;
      error = messageOf(ctx.t, err);
      ctx.show(view);
    }
  }

  ctx.show(view);
}
