import type { FastifyInstance } from 'fastify';
import { readOutbox } from '../identity/sms.ts';
import type { Db } from '../storage/db.ts';
import { html } from './html.ts';
import { page } from './layout.ts';
import { pageContextOf, sendPage } from './page-context.ts';

/**
 * In development only, the SMS outbox. The front page is the portal's
 * (portal/catalogue), the wallet app is served by wallet-app.ts.
 */
export function registerHomeRoutes(app: FastifyInstance, deps: { db: Db; development: boolean }): void {
  if (!deps.development) return;
  app.get<{ Querystring: { to?: string } }>('/dev/outbox.json', async (req) => ({ messages: await readOutbox(deps.db, req.query.to) }));
  app.get('/dev/outbox', async (req, reply) => {
    const p = pageContextOf(req);
    const { t } = p;
    const messages = await readOutbox(deps.db);
    const body = html`<h1>${t('outbox.title')}</h1><p>${t('outbox.intro')}</p>
${messages.length
  ? html`<table><caption class="hidden">${t('outbox.title')}</caption><thead><tr><th scope="col">${t('outbox.sent')}</th><th scope="col">${t('outbox.to')}</th><th scope="col">${t('outbox.message')}</th></tr></thead><tbody>
  ${messages.map((m) => html`<tr><td>${new Date(Number(m.created_at)).toISOString().replace('T', ' ').slice(0, 19)}</td><td>${m.recipient}</td><td>${m.body}</td></tr>`)}
  </tbody></table>`
  : html`<p>${t('outbox.empty')}</p>`}`;
    return sendPage(reply, page(p, { title: t('outbox.title'), body }));
  });
}
