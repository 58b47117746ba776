import type { FastifyInstance } from 'fastify';
import { html } from '../../http/html.ts';
import { page } from '../../http/layout.ts';
import { pageContextOf, sendPage } from '../../http/page-context.ts';
import { parseNote } from '../note.ts';
import type { LedgerStore } from '../store.ts';
import { pageSchema, redirectSchema } from '../../http/validate.ts';

/** `/ledger/`: what the log is, its size, the latest checkpoint, the key, witnesses, how to verify. */
export function registerLedgerPage(app: FastifyInstance, deps: { store: LedgerStore; vkey: string; origin: string; witnesses: string[] }): void {
  app.get('/ledger', { schema: redirectSchema('The ledger (moved to /ledger/)') }, async (req, reply) => reply.redirect(`/ledger/${req.url.slice('/ledger'.length)}`, 301));
  app.get('/ledger/', { schema: pageSchema('The transparency ledger: what it is, its size, its latest checkpoint, how to verify it') }, async (req, reply) => {
    const p = pageContextOf(req);
    const { t } = p;
    const latest = await deps.store.latest();
    const cosigners = latest ? parseNote(latest.note).signatures.filter((s) => s.name !== deps.origin).map((s) => s.name) : [];
    const base = `${req.protocol}://${req.host}`;
    const body = html`<h1>${t('ledger.title')}</h1>
<p class="lead">${t('ledger.intro')}</p>
<p>${t('ledger.private')}</p>
<h2>${t('ledger.stateHeading')}</h2>
${latest ? html`<dl class="facts"><dt>${t('ledger.size')}</dt><dd data-tree-size>${latest.size.toLocaleString(p.lang)}</dd></dl>` : html`<p>${t('ledger.empty')}</p>`}
<h2>${t('ledger.checkpointHeading')}</h2>
<p>${t('ledger.checkpointIntro')}</p>
${latest ? html`<pre class="note" tabindex="0" aria-label="${t('ledger.checkpointHeading')}">${latest.note}</pre>` : ''}
<h2>${t('ledger.keyHeading')}</h2>
<p>${t('ledger.keyIntro')}</p>
<pre class="note" tabindex="0" aria-label="${t('ledger.keyHeading')}" data-vkey>${deps.vkey}</pre>
<h2>${t('ledger.witnessHeading')}</h2>
<p>${t('ledger.witnessIntro')}</p>
${cosigners.length ? html`<ul>${cosigners.map((n) => html`<li>${t('ledger.witnessSigned', { name: n })}</li>`)}</ul>` : html`<p>${t('ledger.witnessNone')}</p>`}
<h2>${t('ledger.verifyHeading')}</h2>
<p>${t('ledger.verify1')}</p>
<p>${t('ledger.verify2')}</p>
<pre class="note" tabindex="0"><code>npx yat ledger audit ${base}/ledger --state ./ledger-audit.json</code></pre>
<p>${t('ledger.verify3')}</p>
<pre class="note" tabindex="0"><code>npx yat ledger witness --log ${base}/ledger --key ./witness.key --port 7380</code></pre>`;
    return sendPage(reply, page(p, { title: t('ledger.title'), body }));
  });
}
