import { html, nothing } from 'lit-html';
import { api, type Device } from '../api.ts';
import { forgetDeviceKey } from '../device-key.ts';
import type { ScreenCtx } from '../screen.ts';
import { withSession } from '../session.ts';
import { errorBox, formatDate, heading, messageOf } from '../ui.ts';

/**
 * Devices that hold a key to the wallet: rename, remove. Removing the only one takes a second,
 * explicit confirmation — afterwards the identity must be registered again.
 */
type Mode = { kind: 'list' } | { kind: 'rename'; id: string; name: string } | { kind: 'remove'; id: string };

export function devicesScreen(ctx: ScreenCtx): void {
  const load = () => api<{ devices: Device[] }>('GET', '/api/wallet/devices').then((r) => r.devices);
  withSession(ctx, 'devices', 'profile', load, (devices) => showDevices(ctx, devices));
}

function showDevices(ctx: ScreenCtx, devices: Device[]): void {
  let mode: Mode = { kind: 'list' };
  let error = '';
  let busy = false;

  function actions(d: Device, i: number) {
    const t = ctx.t;
    if (mode.kind === 'rename' && mode.id === d.id) {
      return html`<form class="inline" @submit=${(e: Event) => rename(e, d)}>
  <div class="field"><label for="rename-${i}">${t('devices.newName', { device: d.name })}</label>
  <input id="rename-${i}" maxlength="60" required .value=${mode.name} @input=${(e: Event) => mode.kind === 'rename' && (mode.name = (e.target as HTMLInputElement).value)}></div>
  <button type="submit" class="button" ?disabled=${busy}>${t('app.save')}</button>
  <button type="button" class="button secondary" @click=${() => setMode({ kind: 'list' }, `#dev-${i} button`)}>${t('app.cancel')}</button>
</form>`;
    }
    if (mode.kind === 'remove' && mode.id === d.id) {
      const last = devices.length === 1;
      return html`<div class="confirm" role="group" aria-labelledby="remove-q-${i}"><p id="remove-q-${i}" class="${last ? 'warning' : ''}">${t(last ? 'devices.confirmLast' : 'devices.confirmRemove', { device: d.name })}</p>
  <button type="button" class="button danger" ?disabled=${busy} @click=${() => remove(d, last)}>${t(last ? 'devices.removeLastYes' : 'devices.removeYes')}</button>
  <button type="button" class="button secondary" @click=${() => setMode({ kind: 'list' }, `#dev-${i} button`)}>${t('app.cancel')}</button></div>`;
    }
    return html`<p class="row-actions">
  <button type="button" class="button secondary" aria-label="${t('devices.renameLabel', { device: d.name })}" @click=${() => setMode({ kind: 'rename', id: d.id, name: d.name }, `#rename-${i}`)}>${t('devices.rename')}</button>
  <button type="button" class="button secondary" aria-label="${t('devices.removeLabel', { device: d.name })}" @click=${() => setMode({ kind: 'remove', id: d.id }, `#dev-${i} .confirm button`)}>${t('devices.remove')}</button></p>`;
  }

  const view = () => {
    const t = ctx.t;
    return {
      key: 'devices',
      title: t('devices.title'),
      nav: 'profile' as const,
      body: html`${heading(t('devices.title'))}<p>${t('devices.intro')}</p>${errorBox(t, error)}
<ul class="cards">${devices.map(
        (d, i) => html`<li class="card" id="dev-${i}" aria-labelledby="dev-${i}-h">
  <h2 id="dev-${i}-h">${d.name}${d.current ? html` <span class="tag">${t('devices.current')}</span>` : nothing}</h2>
  <p class="muted">${t('devices.added', { date: formatDate(ctx.lang, d.createdAt, false) })}${d.lastUsedAt ? html`<br>${t('devices.lastUsed', { date: formatDate(ctx.lang, d.lastUsedAt) })}` : nothing}</p>
  ${actions(d, i)}
</li>`,
      )}</ul>`,
    };
  };

  function setMode(next: Mode, focus: string) {
    mode = next;
    error = '';
    ctx.show(view);
    document.querySelector<HTMLElement>(focus)?.focus();
  }

  async function rename(e: Event, d: Device) {
    e.preventDefault();
    if (mode.kind !== 'rename' || !mode.name.trim()) return;
    busy = true;
    ctx.show(view);
    try {
      const updated = await api<Device>('PATCH', `/api/wallet/devices/${encodeURIComponent(d.id)}`, { name: mode.name.trim() });
      devices = devices.map((x) => (x.id === d.id ? { ...x, ...updated } : x));
      busy = false;
      mode = { kind: 'list' };
      ctx.flash(ctx.t('devices.renamed', { device: updated.name ?? d.name }));
    } catch (err) {
      busy = false;
      error = messageOf(ctx.t, err);
      ctx.show(view);
    }
  }

  async function remove(d: Device, last: boolean) {
    busy = true;
    ctx.show(view);
    try {
      await api('DELETE', `/api/wallet/devices/${encodeURIComponent(d.id)}${last ? '?confirmLast=true' : ''}`);
      busy = false;
      if (d.current) {
        forgetDeviceKey();
        ctx.setSignedIn(false);
        ctx.go('/wallet/', { replace: true, flash: ctx.t('devices.removed', { device: d.name }) });
        return;
      }
      devices = devices.filter((x) => x.id !== d.id);
      mode = { kind: 'list' };
      ctx.flash(ctx.t('devices.removed', { device: d.name }));
    } catch (err) {
      busy = false;
      error = messageOf(ctx.t, err);
      ctx.show(view);
    }
  }

  ctx.show(view);
}
