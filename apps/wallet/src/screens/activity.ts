import { html, nothing } from 'lit-html';
import { api, type ActivityEvent } from '../api.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { ScreenCtx } from '../screen.ts';
import { withSession } from '../session.ts';
import { fieldLabel, formatDate, heading, listOf, serviceName } from '../ui.ts';

/** Types whose own words already say it failed ("Sign-in failed"): no "(failed)" after them. */
const failureType = (type: string): boolean => type.endsWith('.failed');

/** Recent activity: every login and data release, newest first, as the platform recorded it. */
export function activityScreen(ctx: ScreenCtx): void {
  const load = () => api<{ events: ActivityEvent[] }>('GET', '/api/wallet/activity?limit=50').then((r) => r.events);
  withSession(ctx, 'activity', 'activity', load, (events) => {
    ctx.show(() => {
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
  ${e.fields.length ? html`<p>${t('activity.fields', { fields: listOf(ctx.lang, e.fields.map((f) => fieldLabel(t, f))) })}</p>` : nothing}
</li>`,
    )}</ol>`
  : html`<p class="empty">${t('activity.empty')}</p>`}`,
      };
    });
  });
}
