import type { FastifyInstance } from 'fastify';
import { html, type Html } from './html.ts';
import { page, type PageContext } from './layout.ts';
import { pageContextOf, sendPage } from './page-context.ts';
import { apiTags } from './openapi.ts';
import { pageSchema } from './validate.ts';

/**
 * `/api/docs`: the OpenAPI document as a page people can read, built on the server (no
 * script): each tag's operations with their parameters, request body and replies.
 */
type Schema = Record<string, unknown>;
type Operation = {
  summary?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
};
type Document = { paths: Record<string, Record<string, Operation>> };

export function registerApiReference(app: FastifyInstance): void {
  let cached: Document | undefined;
  app.get('/api/docs', { schema: pageSchema('This reference: the API document as a page') }, async (req, reply) => {
    cached ??= app.swagger() as unknown as Document;
    const p = pageContextOf(req);
    return sendPage(reply, page(p, { title: p.t('apiDocs.title'), body: referenceBody(p, cached) }));
  });
}

function referenceBody(p: PageContext, doc: Document): Html {
  const { t } = p;
  const byTag = apiTags.map((tag) => ({ ...tag, ops: operationsOf(doc, tag.name) })).filter((g) => g.ops.length);
  return html`<h1>${t('apiDocs.title')}</h1>
<p class="lead">${t('apiDocs.intro')}</p>
<p>${t('apiDocs.englishNote')}</p>
<p><a href="/api/openapi.json">${t('apiDocs.download')}</a> · <a href="/.well-known/openid-configuration">${t('apiDocs.oidc')}</a></p>
<nav aria-labelledby="api-contents"><h2 id="api-contents">${t('apiDocs.contents')}</h2><ul>
${byTag.map((g) => html`<li><a href="#tag-${g.name}" lang="en">${g.description}</a> (${t('apiDocs.operations', { count: g.ops.length })})</li>`)}
</ul></nav>
${byTag.map((g) => html`<section aria-labelledby="tag-${g.name}"><h2 id="tag-${g.name}" lang="en">${g.description}</h2>
${g.ops.map((o) => operationBlock(p, o.method, o.path, o.op))}</section>`)}`;
}

function operationsOf(doc: Document, tag: string) {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, op]) => op.tags?.[0] === tag)
      .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
}

function operationBlock(p: PageContext, method: string, path: string, op: Operation): Html {
  const { t } = p;
  const body = Object.entries(op.requestBody?.content ?? {});
  return html`<article class="api-op"><h3><code>${method} ${path}</code></h3>
<p lang="en">${op.summary ?? ''}</p>
${op.parameters?.length
  ? html`<table><caption>${t('apiDocs.parameters')}</caption><thead><tr><th scope="col">${t('apiDocs.name')}</th><th scope="col">${t('apiDocs.where')}</th><th scope="col">${t('apiDocs.schema')}</th></tr></thead><tbody>
  ${op.parameters.map((x) => html`<tr><td><code>${x.name}</code>${x.required ? ' *' : ''}</td><td><code>${x.in}</code></td><td><code>${JSON.stringify(x.schema ?? {})}</code></td></tr>`)}</tbody></table>`
  : ''}
${body.length ? html`<h4>${t('apiDocs.body')} <code>${body.map(([type]) => type).join(', ')}</code></h4><pre tabindex="0"><code>${JSON.stringify(body[0]![1].schema ?? {}, null, 2)}</code></pre>` : ''}
<table><caption>${t('apiDocs.responses')}</caption><thead><tr><th scope="col">${t('apiDocs.status')}</th><th scope="col">${t('apiDocs.description')}</th></tr></thead><tbody>
${Object.entries(op.responses ?? {}).map(([status, r]) => html`<tr><td><code>${status}</code></td><td lang="en">${r.description ?? ''}</td></tr>`)}
</tbody></table></article>`;
}
