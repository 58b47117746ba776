import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { formatDateTime } from '../i18n/time.ts';
import { readOutbox } from '../identity/sms.ts';
import type { Db } from '../storage/db.ts';
import { html } from './html.ts';
import { page } from './layout.ts';
import { pageContextOf, sendPage } from './page-context.ts';
import { z } from 'zod';
import { pageSchema } from './validate.ts';

/**
 * In development only, the SMS outbox. The front page is the portal's
 * (portal/catalogue), the wallet app is served by wallet-app.ts.
 */
export function registerHomeRoutes(app: FastifyInstance, deps: { db: Db; development: boolean }): void {
  // Browsers ask for /favicon.ico on every site; a 404 there is noise in every console.
  const favicon = fs.readFileSync(path.join(import.meta.dirname, 'assets', 'favicon.ico'));
  app.get('/favicon.ico', { schema: { hide: true } }, async (_req, reply) => reply.type('image/x-icon').header('cache-control', 'public, max-age=86400').send(favicon));

  if (!deps.development) return;
  app.get<{ Querystring: { to?: string } }>('/dev/outbox.json', { schema: { tags: ['operations'], summary: 'Development only: the SMS messages the platform would have sent', querystring: z.object({ to: z.string().max(20).optional() }), response: { 200: z.object({ messages: z.array(z.object({ recipient: z.string(), body: z.string() }).loose()) }) } } }, async (req) => ({ messages: await readOutbox(deps.db, req.query.to) }));
  app.get('/dev/outbox', { schema: pageSchema('Development only: the SMS outbox') }, async (req, reply) => {
    const p = pageContextOf(req);
    const { t } = p;
    const messages = await readOutbox(deps.db);
    const body = html`<h1>${t('outbox.title')}</h1><p>${t('outbox.intro')}</p>
${messages.length
  ? html`<table><caption class="hidden">${t('outbox.title')}</caption><thead><tr><th scope="col">${t('outbox.sent')}</th><th scope="col">${t('outbox.to')}</th><th scope="col">${t('outbox.message')}</th></tr></thead><tbody>
  ${messages.map((m) => html`<tr><td>${t('time.hongKong', { time: formatDateTime(p.lang, Number(m.created_at)) })}</td><td>${m.recipient}</td><td>${m.body}</td></tr>`)}
  </tbody></table>`
  : html`<p>${t('outbox.empty')}</p>`}`;
    return sendPage(reply, page(p, { title: t('outbox.title'), body }));
  });
}
