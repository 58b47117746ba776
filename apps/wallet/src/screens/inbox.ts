import { html, nothing } from 'lit-html';
import { api, type InboxItem } from '../api.ts';
import { langNames, type Lang, type MessageKey } from '../i18n/index.ts';
import type { ScreenCtx } from '../screen.ts';
import { withSession } from '../session.ts';
import { errorBox, formatDate, heading, messageOf, serviceName } from '../ui.ts';

/**
 * The inbox: messages from services the resident allowed, and the public alerts they follow,
 * newest first; one message at /wallet/inbox/<id> (opening it marks it read). A message's
 * link is shown as its origin first and opened only when the resident goes on. The text is
 * in the resident's language when the sender wrote it; otherwise it is marked as another
 * language (and tagged with `lang` so screen readers read it right).
 */
const sender = (item: InboxItem, lang: Lang) => serviceName({ name: item.from.names.en ?? item.from.id, names: item.from.names }, lang);
const categoryText = (ctx: ScreenCtx, item: InboxItem) => ctx.t(`inbox.category.${item.category}` as MessageKey);

/** The platform chose the text for one language: when the resident switches, it is fetched again. */
function followLang(ctx: ScreenCtx, loadedIn: () => Lang, reload: () => Promise<void>) {
  let pending = false;
  return () => {
    if (pending || loadedIn() === ctx.lang) return;
    pending = true;
    queueMicrotask(() => void reload().finally(() => (pending = false)));
  };
}

export function inboxScreen(ctx: ScreenCtx): void {
  const load = () => api<{ unread: number; items: InboxItem[] }>('GET', `/api/wallet/notifications?lang=${ctx.lang}`).then((r) => ({ ...r, lang: ctx.lang }));
  withSession(ctx, 'inbox', 'inbox', load, (data) => {
    let inbox = data;
    ctx.setUnread(inbox.unread);
    const refresh = followLang(ctx, () => inbox.lang, async () => {
      inbox = await load();
      ctx.show(view);
    });
    const row = (item: InboxItem) => html`<li class="card message ${item.read ? '' : 'unread'}">
  <h2><a href="/wallet/inbox/${item.id}" data-nav><span lang="${item.lang}">${item.title}</span>${item.read ? nothing : html` <span class="tag">${ctx.t('inbox.unread')}</span>`}</a></h2>
  <p class="muted">${item.kind === 'topic' ? html`${ctx.t('inbox.alert')} · ` : nothing}${sender(item, ctx.lang)} · ${categoryText(ctx, item)}<br><time datetime="${item.createdAt}">${formatDate(ctx.lang, item.createdAt)}</time></p>
</li>`;
    const view = () => {
      refresh();
      const t = ctx.t;
      return {
        key: 'inbox',
        title: t('inbox.title'),
        nav: 'inbox' as const,
        body: html`${heading(t('inbox.title'))}<p>${t('inbox.intro')}</p>
<p><a href="/wallet/notification-settings" data-nav>${t('inbox.settings')}</a></p>
${inbox.items.length ? html`<ul class="cards inbox-list">${inbox.items.map(row)}</ul>` : html`<p class="empty">${t('inbox.empty')}</p>`}`,
      };
    };
    ctx.show(view);
  });
}

export function messageScreen(ctx: ScreenCtx): void {
  const id = location.pathname.split('/').pop()!;
  const load = async () => {
    const item = await api<InboxItem>('GET', `/api/wallet/notifications/${encodeURIComponent(id)}?lang=${ctx.lang}`);
    if (!item.read) {
      await api('PATCH', `/api/wallet/notifications/${encodeURIComponent(id)}`, { read: true });
      ctx.refreshUnread();
    }
    return { item: { ...item, read: true }, lang: ctx.lang };
  };
  withSession(ctx, `message:${id}`, 'inbox', load, (data) => showMessage(ctx, data, load));
}

function showMessage(ctx: ScreenCtx, data: { item: InboxItem; lang: Lang }, load: () => Promise<{ item: InboxItem; lang: Lang }>): void {
  let { item, lang } = data;
  let linkShown = false;
  let confirming = false;
  let busy = false;
  let error = '';
  const refresh = followLang(ctx, () => lang, async () => {
    ({ item, lang } = await load());
    ctx.show(view);
  });

  const linkPart = () => {
    const t = ctx.t;
    if (!item.link || !item.linkOrigin) return nothing;
    // The origin first, in words; the link itself exists only once the resident chose to see where it goes.
    return html`<h2>${t('inbox.linkTitle')}</h2>
${linkShown
  ? html`<p class="notice" data-link-origin>${t('inbox.linkOrigin', { origin: item.linkOrigin })}</p>
<p><a class="button" href="${item.link}" target="_blank" rel="noopener noreferrer" data-message-link>${t('inbox.linkGo', { origin: item.linkOrigin })}</a></p>`
  : html`<p><button type="button" class="button secondary" @click=${showLink}>${t('inbox.linkShow')}</button></p>`}`;
  };

  const deletePart = () => {
    const t = ctx.t;
    return confirming
      ? html`<div class="confirm" role="group" aria-labelledby="delete-q"><p id="delete-q">${t('inbox.deleteConfirm')}</p>
  <button type="button" class="button danger" ?disabled=${busy} @click=${remove}>${t('inbox.deleteYes')}</button>
  <button type="button" class="button secondary" @click=${() => ask(false)}>${t('app.cancel')}</button></div>`
      : html`<p><button type="button" class="button secondary" @click=${() => ask(true)}>${t('inbox.delete')}</button></p>`;
  };

  const view = () => {
    refresh();
    const t = ctx.t;
    return {
      key: `message:${item.id}`,
      title: item.title,
      nav: 'inbox' as const,
      body: html`<p><a href="/wallet/inbox" data-nav>${t('inbox.back')}</a></p>
<h1 tabindex="-1" lang="${item.lang}">${item.title}</h1>
<p class="muted">${item.kind === 'topic' ? html`${t('inbox.alert')} · ` : nothing}${t('inbox.from', { from: sender(item, ctx.lang) })} · ${categoryText(ctx, item)}<br>${t('inbox.received', { date: formatDate(ctx.lang, item.createdAt) })}</p>
${item.fallback ? html`<p class="notice" data-fallback>${t('inbox.fallback', { language: langNames[item.lang] })}</p>` : nothing}
${errorBox(t, error)}
<div class="message-body" lang="${item.lang}">${item.body}</div>
${linkPart()}
${deletePart()}`,
    };
  };

  function showLink() {
    linkShown = true;
    ctx.show(view);
    document.querySelector<HTMLElement>('[data-message-link]')?.focus();
  }

  function ask(on: boolean) {
    confirming = on;
    ctx.show(view);
    document.querySelector<HTMLElement>('.confirm button')?.focus();
  }

  async function remove() {
    busy = true;
    ctx.show(view);
    try {
      await api('DELETE', `/api/wallet/notifications/${encodeURIComponent(item.id)}`);
      ctx.refreshUnread();
      ctx.go('/wallet/inbox', { replace: true, flash: ctx.t('inbox.deleted') });
    } catch (err) {
      busy = false;
      error = messageOf(ctx.t, err);
      ctx.show(view);
    }
  }

  ctx.show(view);
}
