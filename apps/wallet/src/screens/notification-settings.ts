import { html, nothing } from 'lit-html';
// The switch shows the saved answer, even when a failed change left the box ticked.
import { live } from 'lit-html/directives/live.js';
import { api, type AlertTopic } from '../api.ts';
import type { MessageKey } from '../i18n/index.ts';
import { disablePush, enablePush, PushFailed, pushState, type PushState } from '../push.ts';
import type { ScreenCtx } from '../screen.ts';
import { withSession } from '../session.ts';
import { errorBox, heading, messageOf, serviceName } from '../ui.ts';

/**
 * Notification settings: alerts on this phone (Web Push, subscribed only when the resident
 * turns the switch on), the public alert topics to follow, and where to choose per service.
 */
export function notificationSettingsScreen(ctx: ScreenCtx): void {
  const load = async () => ({ topics: (await api<{ topics: AlertTopic[] }>('GET', '/api/wallet/topics')).topics, push: await pushState().catch((): PushState => 'unsupported') });
  withSession(ctx, 'notification-settings', 'inbox', load, (data) => showSettings(ctx, data));
}

function showSettings(ctx: ScreenCtx, data: { topics: AlertTopic[]; push: PushState }): void {
  let { topics, push } = data;
  let error = '';
  let busy = false;
  const topicName = (topic: AlertTopic) => serviceName({ name: topic.names.en ?? topic.id, names: topic.names }, ctx.lang);

  const pushPart = () => {
    const t = ctx.t;
    if (push === 'unsupported') return html`<p class="notice">${t('alerts.pushUnsupported')}</p>`;
    if (push === 'denied') return html`<p class="notice">${t('alerts.pushDenied')}</p>`;
    return html`<ul class="share-list"><li>
  <label class="field-name" for="push-switch">${t('alerts.pushSwitch')}</label>
  <input class="switch" type="checkbox" role="switch" id="push-switch" .checked=${live(push === 'on')} ?disabled=${busy} @change=${(e: Event) => setPush((e.target as HTMLInputElement).checked)}>
</li></ul>`;
  };

  const view = () => {
    const t = ctx.t;
    return {
      key: 'notification-settings',
      title: t('alerts.title'),
      nav: 'inbox' as const,
      body: html`<p><a href="/wallet/inbox" data-nav>${t('inbox.back')}</a></p>
${heading(t('alerts.title'))}
${errorBox(t, error)}
<h2>${t('alerts.pushTitle')}</h2>
<p>${t('alerts.pushIntro')}</p>
${pushPart()}
<h2>${t('alerts.topicsTitle')}</h2>
<p>${t('alerts.topicsIntro')}</p>
${topics.length
  ? html`<ul class="share-list">${topics.map((topic) => html`<li>
  <label class="field-name" for="topic-${topic.id}">${topicName(topic)}</label>
  <input class="switch" type="checkbox" role="switch" id="topic-${topic.id}" .checked=${live(topic.following)} @change=${(e: Event) => follow(topic, (e.target as HTMLInputElement).checked)}>
</li>`)}</ul>`
  : html`<p class="empty">${t('alerts.topicsEmpty')}</p>`}
<h2>${t('alerts.servicesTitle')}</h2>
<p><a href="/wallet/services" data-nav>${t('alerts.servicesText')}</a></p>
${busy ? html`<p class="muted">${t('app.loading')}</p>` : nothing}`,
    };
  };

  async function setPush(on: boolean) {
    busy = true;
    error = '';
    ctx.show(view);
    try {
      await (on ? enablePush() : disablePush());
      push = on ? 'on' : 'off';
      ctx.flash(ctx.t(on ? 'alerts.pushOn' : 'alerts.pushOff'));
    } catch (err) {
      push = await pushState().catch((): PushState => 'unsupported');
      const key: MessageKey | undefined = err instanceof PushFailed ? (err.reason === 'denied' ? 'alerts.pushDenied' : 'alerts.pushFailed') : undefined;
      error = key ? ctx.t(key) : messageOf(ctx.t, err);
    }
    busy = false;
    ctx.show(view);
  }

  async function follow(topic: AlertTopic, on: boolean) {
    error = '';
    try {
      await api('PUT', `/api/wallet/topics/${encodeURIComponent(topic.id)}`, { following: on });
      topics = topics.map((x) => (x.id === topic.id ? { ...x, following: on } : x));
      ctx.flash(ctx.t(on ? 'alerts.following' : 'alerts.notFollowing', { topic: topicName(topic) }));
    } catch (err) {
      error = messageOf(ctx.t, err);
      ctx.show(view);
    }
  }

  ctx.show(view);
}
