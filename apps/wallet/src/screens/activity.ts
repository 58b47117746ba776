import { html, nothing } from 'lit-html';
import { api, type ActivityEvent } from '../api.ts';
import type { MessageKey } from '../i18n/index.ts';
import { checkLedger, missingApprovals, type LedgerCheck, type LedgerView } from '../ledger.ts';
import type { ScreenCtx } from '../screen.ts';
import { withSession } from '../session.ts';
import { fieldLabel, formatDate, heading, listOf, serviceName } from '../ui.ts';

/** Types whose own words already say it failed ("Sign-in failed"): no "(failed)" after them. */
const failureType = (type: string): boolean => type.endsWith('.failed');

/** Recent activity: every login and data release, newest first, as the platform recorded it. */
export function activityScreen(ctx: ScreenCtx): void {
  const load = () => api<{ events: ActivityEvent[] }>('GET', '/api/wallet/activity?limit=50').then((r) => r.events);
  withSession(ctx, 'activity', 'activity', load, (events) => {
    let ledger: LedgerCheck | undefined;
    let missing: { at: number; service: string }[] = [];
    const render = () => ctx.show(() => {
      const t = ctx.t;
      const typeText = (type: string) => {
        const key = `activity.type.${type}` as MessageKey;
        const text = t(key);
        return text === key ? t('activity.type.other', { type }) : text;
      };
      return {
        key: 'activity',
        title: t('activity.title'),
        nav: 'activity' as const,
        body: html`${heading(t('activity.title'))}<p>${t('activity.intro')}</p>
${events.length
  ? html`<ol class="timeline">${events.map(
      (e) => html`<li class="${e.outcome === 'failure' ? 'failed' : ''}">
  <p class="what"><strong>${typeText(e.type)}</strong>${e.outcome === 'failure' && !failureType(e.type) ? html` (${t('activity.outcome.failure')})` : nothing} · ${e.service ? serviceName(e.service, ctx.lang) : t('activity.platform')}</p>
  <p class="muted"><time datetime="${e.at}">${formatDate(ctx.lang, e.at)}</time></p>
  ${ledgerBadge(ctx, ledger, e.id)}
  ${e.fields.length ? html`<p>${t('activity.fields', { fields: listOf(ctx.lang, e.fields.map((f) => fieldLabel(t, f))) })}</p>` : nothing}
</li>`,
    )}</ol>`
  : html`<p class="empty">${t('activity.empty')}</p>`}
${ledgerNotice(ctx, ledger, missing)}`,
      };
    });
    render();
    // The ledger check runs after the list is shown: proofs are verified here, in the browser.
    api<LedgerView>('GET', '/api/wallet/ledger?limit=200')
      .then(async (view) => {
        ledger = await checkLedger(view);
        if (ledger.status === 'verified') missing = missingApprovals(ledger.recorded.values(), GRACE_MS);
      })
      .catch(() => (ledger = { status: 'unavailable' }))
      .finally(render);
  });
}

/** An approval not in the ledger this long after it was made is flagged. */
const GRACE_MS = 10 * 60_000;

function ledgerBadge(ctx: ScreenCtx, ledger: LedgerCheck | undefined, id: number | undefined) {
  if (ledger?.status !== 'verified' || id === undefined || !ledger.recorded.has(id)) return nothing;
  return html`<p><span class="badge ok" data-ledger="recorded">${ctx.t('ledger.recorded')}</span></p>`;
}

function ledgerNotice(ctx: ScreenCtx, ledger: LedgerCheck | undefined, missing: { at: number; service: string }[]) {
  const t = ctx.t;
  if (!ledger) return nothing;
  if (ledger.status === 'key_changed' || ledger.status === 'bad_checkpoint') return html`<p class="notice" role="alert" data-ledger="untrusted">${t('ledger.untrusted')}</p>`;
  if (ledger.status !== 'verified') return nothing;
  return html`<p class="muted" data-ledger="checked">${t('ledger.checked', { size: ledger.size })}</p>
${missing.length ? html`<p class="notice" role="alert" data-ledger="missing">${t('ledger.missing', { count: missing.length, time: formatDate(ctx.lang, new Date(missing[0]!.at).toISOString()) })}</p>` : nothing}`;
}
