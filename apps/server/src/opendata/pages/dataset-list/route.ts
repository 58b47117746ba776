import type { FastifyInstance } from 'fastify';
import { html } from '../../../http/html.ts';
import { page } from '../../../http/layout.ts';
import { pageContextOf, sendPage } from '../../../http/page-context.ts';
import { htmlPage } from '../schemas.ts';
import { dataPage } from './template.ts';

export function registerDataPage(app: FastifyInstance, deps: { css: string }): void {
  app.get('/data', { schema: htmlPage(['open data'], 'The open data catalogue (HTML, three languages, no script)') }, async (req, reply) => {
    const p = pageContextOf(req);
    return sendPage(reply, page(p, { title: p.t('opendata.dataTitle'), body: dataPage(p), head: html`<link rel="stylesheet" href="${deps.css}">` }));
  });
}
