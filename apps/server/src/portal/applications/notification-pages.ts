import type { FastifyInstance } from 'fastify';
import { notFound } from '../../errors.ts';
import { html, type Html } from '../../http/html.ts';
import { page, type PageContext } from '../../http/layout.ts';
import { pageContextOf, sendErrorPage, sendPage } from '../../http/page-context.ts';
import type { Lang } from '../../i18n/index.ts';
import { requireSession } from '../account/routes.ts';
import { csrfTokenFor, csrfValid, type PortalSession } from '../account/sessions.ts';
import { when } from './application-pages.ts';
import { stylesheet } from './apply-routes.ts';
import { z } from 'zod';
import { formFields, pageSchema } from '../../http/validate.ts';
import type { InboxItem } from '../../notify/index.ts';

const idParam = z.object({ id: z.string().max(100) });

/**
 * The resident's notifications in the portal's inbox (the platform's notify capability holds
 * them; the portal names the resident by the pairwise `sub` it was given at sign-in). Opening
 * one marks it read; its link is shown with the site it goes to; it can be deleted.
 */
export type NotificationItem = InboxItem;
export type NotificationSource = {
  residentOf(clientId: string, sub: string): Promise<string | undefined>;
  list(residentId: string, lang: Lang): Promise<NotificationItem[]>;
  unread(residentId: string): Promise<number>;
  get(residentId: string, id: string, lang: Lang): Promise<NotificationItem | undefined>;
  markRead(residentId: string, id: string, read: boolean): Promise<boolean>;
  remove(residentId: string, id: string): Promise<boolean>;
};

const idPattern = /^(ntf|tpub)_[A-Za-z0-9_-]{20}$/;

/** The resident's unread notifications, for the header's count. */
export async function unreadNotifications(source: NotificationSource, portalClientId: string, session: PortalSession): Promise<number> {
  const residentId = await source.residentOf(portalClientId, session.sub);
  return residentId ? source.unread(residentId) : 0;
}

export function registerNotificationPages(app: FastifyInstance, deps: { source: NotificationSource; portalClientId: string; csrfKey: string }) {
  const { source } = deps;
  const residentOf = (s: PortalSession) => source.residentOf(deps.portalClientId, s.sub);

  app.get<{ Params: { id: string } }>('/inbox/n/:id', { schema: pageSchema('One notification in the inbox (read once opened; a link shows where it goes)', { params: idParam }) }, async (req, reply) => {
    const session = requireSession(req, reply);
    if (!session) return reply;
    const p = pageContextOf(req);
    const { t, lang } = p;
    const residentId = await residentOf(session);
    const item = residentId && idPattern.test(req.params.id) ? await source.get(residentId, req.params.id, lang) : undefined;
    if (!residentId || !item) throw notFound('not_found', t('applications.errors.notFound'));
    if (!item.read) await source.markRead(residentId, item.id, true);
    const body = html`<p class="caption">${t(`applications.inbox.category.${item.category}`)} · ${item.from.names[lang]} · ${when(Date.parse(item.createdAt), p)}</p>
<h1 ${item.fallback ? html`lang="${item.lang}"` : ''}>${item.title}</h1>
${item.fallback ? html`<p class="muted">${t('applications.inbox.fallback')}</p>` : ''}
<p class="note" ${item.fallback ? html`lang="${item.lang}"` : ''}>${item.body}</p>
${item.link ? html`<p>${t('applications.inbox.linkGoesTo', { origin: item.linkOrigin })}</p><p><a class="button" href="${item.link}" rel="noopener noreferrer">${t('applications.inbox.openLink', { origin: item.linkOrigin })}</a></p>` : ''}
<form method="post" action="/inbox/n/${item.id}/delete?lang=${lang}"><input type="hidden" name="csrf" value="${csrfTokenFor(deps.csrfKey, session.token)}"><button type="submit" class="button secondary">${t('applications.inbox.delete')}</button></form>
<p><a href="/inbox?lang=${lang}">${t('applications.inbox.back')}</a></p>`;
    return sendPage(reply, page(p, { title: item.title, body, head: stylesheet() }));
  });

  app.post<{ Params: { id: string }; Body: { csrf?: string } }>('/inbox/n/:id/delete', { schema: pageSchema('Delete a notification from the inbox', { params: idParam, body: formFields, redirects: true }) }, async (req, reply) => {
    const session = requireSession(req, reply);
    if (!session) return reply;
    const p = pageContextOf(req);
    if (!csrfValid(deps.csrfKey, session.token, req.body?.csrf)) return sendErrorPage(req, reply, 403, p.t('applications.errors.csrf'), 'csrf_failed');
    const residentId = await residentOf(session);
    if (!residentId || !idPattern.test(req.params.id) || !(await source.remove(residentId, req.params.id))) throw notFound('not_found', p.t('applications.errors.notFound'));
    return reply.redirect(`/inbox?lang=${p.lang}`, 303);
  });

  return {
    /** The inbox list's entries for the resident's notifications, and how many are unread. */
    async entries(session: PortalSession, p: PageContext): Promise<{ entries: Array<{ at: number; html: Html }>; unread: number }> {
      const residentId = await residentOf(session);
      if (!residentId) return { entries: [], unread: 0 };
      const [items, unread] = await Promise.all([source.list(residentId, p.lang), source.unread(residentId)]);
      const { t, lang } = p;
      const entries = items.map((n) => ({
        at: Date.parse(n.createdAt),
        html: html`<li class="${n.read ? 'read' : 'unread'}"><a href="/inbox/n/${n.id}?lang=${lang}">${n.read ? '' : html`<span class="tag">${t('applications.inbox.new')}</span> `}<span ${n.fallback ? html`lang="${n.lang}"` : ''}>${n.title}</span></a> <span class="muted">${n.from.names[lang]} · ${when(Date.parse(n.createdAt), p)}</span></li>`,
      }));
      return { entries, unread };
    },
  };
}
