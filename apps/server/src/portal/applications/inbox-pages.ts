import type { FastifyInstance } from 'fastify';
import { notFound } from '../../errors.ts';
import { html } from '../../http/html.ts';
import { page, type PageContext } from '../../http/layout.ts';
import { pageContextOf, sendPage } from '../../http/page-context.ts';
import { requireSession } from '../account/routes.ts';
import { serviceTitle, when } from './application-pages.ts';
import { stylesheet } from './apply-routes.ts';
import type { InboxMessage, InboxStore } from './inbox-store.ts';
import { z } from 'zod';
import { pageSchema } from '../../http/validate.ts';
import { registerNotificationPages, type NotificationSource } from './notification-pages.ts';

/**
 * The resident's inbox: newest first, unread marked; opening a message marks it read. Beside
 * the messages about applications it lists the resident's notifications (services' messages
 * and followed alerts) when the platform has them (`notifications`, from notify/).
 */
export function registerInboxPages(app: FastifyInstance, deps: { inbox: InboxStore; notifications?: NotificationSource; portalClientId?: string; csrfKey?: string }): void {
  const notifications = deps.notifications && deps.portalClientId && deps.csrfKey ? registerNotificationPages(app, { source: deps.notifications, portalClientId: deps.portalClientId, csrfKey: deps.csrfKey }) : undefined;

  app.get('/inbox', { schema: pageSchema("The resident's inbox") }, async (req, reply) => {
    const session = requireSession(req, reply);
    if (!session) return reply;
    const p = pageContextOf(req);
    const { t, lang } = p;
    const [messages, ownUnread, more] = await Promise.all([deps.inbox.list(session.owner), deps.inbox.unreadCount(session.owner), notifications?.entries(session, p) ?? { entries: [], unread: 0 }]);
    const unread = ownUnread + more.unread;
    const entries = [
      ...messages.map((m) => ({ at: m.createdAt, html: html`<li class="${m.readAt ? 'read' : 'unread'}"><a href="/inbox/${m.id}?lang=${lang}">${m.readAt ? '' : html`<span class="tag">${t('applications.inbox.new')}</span> `}${subject(m, p)}</a> <span class="muted">${when(m.createdAt, p)}</span></li>` })),
      ...more.entries,
    ].sort((a, b) => b.at - a.at);
    const body = html`<h1>${t('applications.inbox.title')}</h1>
<p data-unread="${unread}">${t('applications.inbox.unread', { count: unread })}</p>
${entries.length === 0 ? html`<p>${t('applications.inbox.empty')}</p>` : html`<ul class="inbox">${entries.map((e) => e.html)}</ul>`}`;
    return sendPage(reply, page(p, { title: t('applications.inbox.title'), body, head: stylesheet() }));
  });

  app.get<{ Params: { id: string } }>('/inbox/:id', { schema: pageSchema('One message', { params: z.object({ id: z.string().max(100) }) }) }, async (req, reply) => {
    const session = requireSession(req, reply);
    if (!session) return reply;
    const p = pageContextOf(req);
    const { t, lang } = p;
    const m = /^msg_[A-Za-z0-9_-]{16}$/.test(req.params.id) ? await deps.inbox.open(session.owner, req.params.id) : undefined;
    if (!m) throw notFound('not_found', t('applications.errors.notFound'));
    // The header's unread count was read before opening; this page shows the count after it.
    if (p.account) p.account = { ...p.account, unread: await deps.inbox.unreadCount(session.owner) };
    const service = serviceTitle(m.params, p);
    const body = html`<p class="caption">${t('applications.inbox.caption')} · ${when(m.createdAt, p)}</p>
<h1>${subject(m, p)}</h1>
<p>${m.kind === 'application_submitted' ? t('applications.inbox.submittedBody', { service, reference: m.params.reference }) : t('applications.inbox.statusBody', { service, reference: m.params.reference, status: t(`applications.status.${m.params.status}`) })}</p>
${m.params.note ? html`<h2>${t('applications.inbox.note')}</h2><p class="note">${m.params.note}</p>` : ''}
<p><a class="button" href="/applications/${m.params.reference}?lang=${lang}">${t('applications.inbox.viewApplication')}</a></p>
<p><a href="/inbox?lang=${lang}">${t('applications.inbox.back')}</a></p>`;
    return sendPage(reply, page(p, { title: subject(m, p), body, head: stylesheet() }));
  });
}

function subject(m: InboxMessage, p: PageContext): string {
  if (m.kind === 'application_submitted') return p.t('applications.inbox.submittedSubject', { reference: m.params.reference });
  return p.t('applications.inbox.statusSubject', { reference: m.params.reference, status: p.t(`applications.status.${m.params.status}`) });
}
