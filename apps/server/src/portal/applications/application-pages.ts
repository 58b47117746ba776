import { formatDateTime } from '../../i18n/time.ts';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../errors.ts';
import { html } from '../../http/html.ts';
import { page, type PageContext } from '../../http/layout.ts';
import { pageContextOf, sendPage } from '../../http/page-context.ts';
import { requireSession } from '../account/routes.ts';
import type { Application, ApplicationStore } from './application-store.ts';
import { stylesheet } from './apply-routes.ts';
import type { FileStore } from './file-store.ts';
import { formBySlug } from './forms/index.ts';
import { kb } from './forms/render.ts';
import { z } from 'zod';
import { errorReplies, pageSchema, replyOf } from '../../http/validate.ts';

const reference = z.object({ reference: z.string().max(40) });

/** "My applications": the list, and one application with its status timeline and documents. */
export function registerApplicationPages(app: FastifyInstance, deps: { apps: ApplicationStore; files: FileStore }): void {
  const { apps, files } = deps;

  app.get('/applications', { schema: pageSchema("The resident's applications") }, async (req, reply) => {
    const session = requireSession(req, reply);
    if (!session) return reply;
    const p = pageContextOf(req);
    const { t, lang } = p;
    const list = await apps.listFor(session.owner);
    const body = html`<h1>${t('applications.list.title')}</h1>
${list.length === 0
  ? html`<p>${t('applications.list.empty')}</p>`
  : html`<table><caption class="visually-hidden">${t('applications.list.title')}</caption>
<thead><tr><th scope="col">${t('applications.list.reference')}</th><th scope="col">${t('applications.list.service')}</th><th scope="col">${t('applications.list.status')}</th><th scope="col">${t('applications.list.updated')}</th></tr></thead>
<tbody>${list.map((a) => html`<tr><td><a href="/applications/${a.reference}?lang=${lang}">${a.reference}</a></td><td>${serviceTitle(a, p)}</td><td><span class="tag tag-${a.status}">${t(`applications.status.${a.status}`)}</span></td><td>${when(a.updatedAt, p)}</td></tr>`)}</tbody></table>`}`;
    return sendPage(reply, page(p, { title: t('applications.list.title'), body, head: stylesheet() }));
  });

  app.get<{ Params: { reference: string }; Querystring: { submitted?: string } }>('/applications/:reference', { schema: pageSchema('One application: its answers and where it stands', { params: reference }) }, async (req, reply) => {
    const session = requireSession(req, reply);
    if (!session) return reply;
    const p = pageContextOf(req);
    const { t, lang } = p;
    const a = await apps.byReference(req.params.reference);
    if (!a || a.owner !== session.owner) throw notFound('not_found', t('applications.errors.notFound'));
    const [events, docs] = await Promise.all([apps.events(a.id), files.filesOf(a.id)]);
    const body = html`${req.query.submitted === '1'
      ? html`<div class="panel-confirm"><h1>${t('applications.detail.submittedTitle')}</h1><p>${t('applications.detail.yourReference')}<br><strong class="reference">${a.reference}</strong></p></div>
<p>${t('applications.detail.submittedNext', { department: formBySlug(a.slug)?.department.name[lang] ?? a.department })}</p>`
      : html`<p class="caption">${t('applications.detail.caption')}</p><h1>${a.reference}</h1>`}
<dl class="summary">
  <div><dt>${t('applications.list.service')}</dt><dd>${serviceTitle(a, p)}</dd></div>
  <div><dt>${t('applications.list.reference')}</dt><dd>${a.reference}</dd></div>
  <div><dt>${t('applications.list.status')}</dt><dd><span class="tag tag-${a.status}" data-status="${a.status}">${t(`applications.status.${a.status}`)}</span></dd></div>
</dl>
<h2>${t('applications.detail.timeline')}</h2>
<ol class="timeline">${[...events].reverse().map((e) => html`<li><p><strong>${t(`applications.status.${e.status}`)}</strong> <span class="muted">${when(e.at, p)}</span></p>${e.note ? html`<p>${e.note}</p>` : ''}</li>`)}</ol>
<h2>${t('applications.detail.documents')}</h2>
${docs.length
  ? html`<ul>${docs.map((d) => html`<li><a href="/applications/${a.reference}/files/${d.id}">${d.filename}</a> <span class="muted">(${kb(d.size)})</span></li>`)}</ul>`
  : html`<p>${t('applications.detail.noDocuments')}</p>`}
<p><a href="/applications?lang=${lang}">${t('applications.detail.back')}</a></p>`;
    return sendPage(reply, page(p, { title: a.reference, body, head: stylesheet() }));
  });

  app.get<{ Params: { reference: string; fileId: string } }>('/applications/:reference/files/:fileId', { schema: { tags: ['pages'], summary: 'A file the resident attached', params: reference.extend({ fileId: z.string().max(100) }), response: { 200: replyOf('application/octet-stream', 'the file (its own media type)'), ...errorReplies(403, 404) } } }, async (req, reply) => {
    const session = requireSession(req, reply);
    if (!session) return reply;
    const a = await apps.byReference(req.params.reference);
    const file = a && a.owner === session.owner ? await files.read(a.id, req.params.fileId) : undefined;
    if (!file) throw notFound('not_found', pageContextOf(req).t('applications.errors.notFound'));
    return reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.meta.filename)}`).type(file.meta.mime).send(file.bytes);
  });
}

export const serviceTitle = (a: Pick<Application, 'slug'>, p: PageContext): string => formBySlug(a.slug)?.title[p.lang] ?? a.slug;

/** A moment as the portal writes it: one format per language, in Hong Kong time, labelled. */
export function when(ms: number, p: PageContext): string {
  return p.t('time.hongKong', { time: formatDateTime(p.lang, ms) });
}

