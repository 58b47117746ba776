import type { FastifyInstance } from 'fastify';
import { readOutbox } from '../identity/sms.ts';
import type { Db } from '../storage/db.ts';
import { html } from './html.ts';
import { page } from './layout.ts';
import { pageContextOf, sendPage } from './page-context.ts';

/** The platform's front page and, in development only, the SMS outbox. */
export function registerHomeRoutes(app: FastifyInstance, deps: { db: Db; development: boolean; issuer: string }): void {
  app.get('/', async (req, reply) => {
    const p = pageContextOf(req);
    const { t } = p;
    const body = html`<h1>${t('home.title')}</h1>
<p class="lead">${t('home.intro')}</p>
<p><a class="button" href="/wallet?lang=${p.lang}">${t('home.wallet')}</a></p>
<h2>${t('home.developers')}</h2>
<ul>
  <li><a href="/.well-known/openid-configuration">${t('home.discovery')}</a></li>
</ul>
${deps.development ? html`<h2>${t('home.devTools')}</h2><ul><li><a href="/dev/outbox?lang=${p.lang}">${t('home.outbox')}</a></li></ul>` : ''}`;
    return sendPage(reply, page(p, { title: t('home.title'), body }));
  });

  // The wallet app (a PWA) answers these URLs on the phone; a browser without it lands here.
  for (const path of ['/wallet', '/wallet/login']) {
    app.get(path, async (req, reply) => {
      const p = pageContextOf(req);
      return sendPage(reply, page(p, { title: p.t('wallet.title'), body: html`<h1>${p.t('wallet.title')}</h1><p class="lead">${p.t('wallet.openInApp')}</p>` }));
    });
  }

  app.get('/healthz', async () => ({ status: 'ok' }));

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
