import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isUnavailable } from '../../errors.ts';
import { html, type Html } from '../../http/html.ts';
import type { Logger } from '../../logger.ts';
import { page } from '../../http/layout.ts';
import { pageContextOf } from '../../http/page-context.ts';
import type { Feature } from '../formats.ts';
import { bboxOf, type Collection } from './collections.ts';
import { ogcOpenApi } from './openapi.ts';
import { conformance, CRS84, exception, LIMIT, media, rel, type Link } from './spec.ts';

/**
 * OGC API – Features at /ogc: JSON (GeoJSON for features) by default, HTML with `f=html` or
 * when a browser asks for text/html. Read by GDAL's OAPIF driver (test/opendata).
 */
type Query = { f?: 'json' | 'html'; limit?: number; offset?: number; bbox?: string; lang?: string };
class OgcError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const wantsHtml = (req: FastifyRequest<{ Querystring: Query }>) => req.query.f === 'html' || (req.query.f !== 'json' && /text\/html/.test(req.headers.accept ?? ''));

const json = { type: 'object', additionalProperties: true } as const;
const problem = { type: 'object', properties: { code: { type: 'string' }, description: { type: 'string' } } } as const;
const fParam = { f: { type: 'string', enum: ['json', 'html'] }, lang: { type: 'string', enum: ['en', 'zh-Hant', 'zh-Hans'] } };
const schema = (summary: string, extra: { params?: object; query?: object } = {}) => ({
  tags: ['spatial (OGC API – Features)'],
  summary,
  produces: [media.json, media.geojson, media.html],
  querystring: { type: 'object', properties: { ...fParam, ...(extra.query ?? {}) } },
  ...(extra.params ? { params: { type: 'object', properties: extra.params } } : {}),
  response: { 200: json, 400: problem, 404: problem, '4xx': problem, '5xx': problem },
});

export function registerOgcRoutes(app: FastifyInstance, deps: { base: string; collections: Collection[]; log: Logger }): void {
  const { log } = deps;
  const root = `${deps.base}/ogc`;
  const find = (id: string) => {
    const c = deps.collections.find((x) => x.id === id);
    if (!c) throw new OgcError(404, 'NotFound', `There is no collection "${id}". The collections are listed at ${root}/collections.`);
    return c;
  };
  const links = (path: string, type: string, extra: Link[] = []): Link[] => [
    { href: `${root}${path}?f=json`, rel: rel.self, type, title: 'This document' },
    { href: `${root}${path}?f=html`, rel: rel.alternate, type: media.html, title: 'This document as HTML' },
    ...extra,
  ];
  const extentOf = async (c: Collection) => {
    const boxes = (await c.features()).map((f) => bboxOf(f.geometry));
    return { spatial: { bbox: [[Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))]], crs: CRS84 } };
  };
  const describe = async (c: Collection, lang: 'en' | 'zh-Hant' | 'zh-Hans') => ({
    id: c.id,
    title: c.title[lang],
    description: c.description[lang],
    itemType: 'feature',
    crs: [CRS84],
    extent: await extentOf(c),
    links: [
      { href: `${root}/collections/${c.id}?f=json`, rel: rel.self, type: media.json },
      { href: `${root}/collections/${c.id}/items?f=json`, rel: rel.items, type: media.geojson, title: c.title[lang] },
      { href: `${root}/collections/${c.id}/items?f=html`, rel: rel.items, type: media.html, title: c.title[lang] },
      { href: 'https://creativecommons.org/licenses/by/4.0/', rel: rel.license, type: media.html, title: 'CC BY 4.0' },
    ],
  });

  function send(req: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply, body: object, type: string, title: string, view: () => Html) {
    reply.header('cache-control', 'public, max-age=60');
    if (!wantsHtml(req)) return reply.type(`${type}; charset=utf-8`).send(JSON.stringify(body));
    const p = pageContextOf(req);
    return reply.type('text/html; charset=utf-8').send(page(p, { title, body: html`<h1>${title}</h1>${view()}<p><a href="${req.url.split('?')[0]}?f=json">JSON</a></p>` }));
  }

  const linkList = (ls: Link[]) => html`<ul>${ls.filter((l) => l.rel !== rel.self && l.rel !== rel.alternate).map((l) => html`<li><a href="${l.href}">${l.title ?? l.rel}</a> (${l.type ?? ''})</li>`)}</ul>`;

  app.register(async (scope) => {
    scope.setErrorHandler((err: Error & { validation?: unknown; statusCode?: number }, _req, reply) => {
      const status = err instanceof AppError ? err.status : (err.statusCode ?? 500);
      const e = err instanceof OgcError ? err : err.validation ? new OgcError(400, 'InvalidParameterValue', err.message) : status < 500 ? new OgcError(status, 'InvalidRequest', err.message) : undefined;
      if (!e) {
        log.error({ err, url: _req.url }, 'OGC API request failed');
        return reply.code(isUnavailable(err) ? 503 : 500).type(`${media.json}; charset=utf-8`).header('cache-control', 'no-store').send(JSON.stringify(exception('ServerError', 'Something went wrong on our side. Please try again later.')));
      }
      return reply.code(e.status).type(`${media.json}; charset=utf-8`).header('cache-control', 'no-store').send(JSON.stringify(exception(e.code, e.message)));
    });

    const landing = async (req: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) => {
      const ls = links('', media.json, [
        { href: `${root}/api`, rel: rel.serviceDesc, type: media.openapi, title: 'The API definition (OpenAPI 3.0)' },
        { href: `${deps.base}/data`, rel: rel.serviceDoc, type: media.html, title: 'Open data' },
        { href: `${root}/conformance`, rel: rel.conformance, type: media.json, title: 'Conformance classes' },
        { href: `${root}/collections`, rel: rel.data, type: media.json, title: 'Feature collections' },
      ]);
      const body = { title: 'Yat spatial data', description: 'Registration counters, service centres and districts (OGC API – Features)', links: ls };
      return send(req, reply, body, media.json, body.title, () => html`<p>${body.description}</p>${linkList(ls)}`);
    };
    scope.get<{ Querystring: Query }>('/ogc', { schema: schema('Landing page') }, landing);
    scope.get<{ Querystring: Query }>('/ogc/', { schema: schema('Landing page') }, landing);

    scope.get<{ Querystring: Query }>('/ogc/conformance', { schema: schema('Conformance classes') }, async (req, reply) =>
      send(req, reply, { conformsTo: conformance }, media.json, 'Conformance', () => html`<ul>${conformance.map((c) => html`<li>${c}</li>`)}</ul>`),
    );

    scope.get('/ogc/api', { schema: { tags: ['spatial (OGC API – Features)'], summary: 'The OpenAPI 3.0 definition of /ogc', produces: [media.openapi], response: { 200: json } } }, async (_req, reply) =>
      reply.type(`${media.openapi}; charset=utf-8`).header('cache-control', 'public, max-age=300').send(JSON.stringify(ogcOpenApi(deps.base, deps.collections.map((c) => c.id)))),
    );

    scope.get<{ Querystring: Query }>('/ogc/collections', { schema: schema('Feature collections') }, async (req, reply) => {
      const lang = pageContextOf(req).lang;
      const collections = await Promise.all(deps.collections.map((c) => describe(c, lang)));
      return send(req, reply, { links: links('/collections', media.json), collections }, media.json, 'Collections', () => html`<ul>${collections.map((c) => html`<li><a href="${root}/collections/${c.id}/items?f=html">${c.title}</a>: ${c.description}</li>`)}</ul>`);
    });

    scope.get<{ Querystring: Query; Params: { id: string } }>('/ogc/collections/:id', { schema: schema('One collection', { params: { id: { type: 'string', maxLength: 100 } } }) }, async (req, reply) => {
      const c = await describe(find(req.params.id), pageContextOf(req).lang);
      return send(req, reply, c, media.json, c.title, () => html`<p>${c.description}</p>${linkList(c.links)}`);
    });

    const itemsQuery = { limit: { type: 'integer', minimum: 1, maximum: LIMIT.max }, offset: { type: 'integer', minimum: 0, maximum: 1_000_000 }, bbox: { type: 'string', maxLength: 200 } };
    scope.get<{ Querystring: Query; Params: { id: string } }>('/ogc/collections/:id/items', { schema: schema('Features of a collection (bbox, limit, offset)', { params: { id: { type: 'string', maxLength: 100 } }, query: itemsQuery }) }, async (req, reply) => {
      const c = find(req.params.id);
      const limit = req.query.limit ?? LIMIT.default;
      const offset = req.query.offset ?? 0;
      const box = parseBbox(req.query.bbox);
      const all = (await c.features()).filter((f) => !box || intersects(bboxOf(f.geometry), box));
      const features = all.slice(offset, offset + limit);
      const q = (o: number) => `${root}/collections/${c.id}/items?f=json&limit=${limit}&offset=${o}${req.query.bbox ? `&bbox=${encodeURIComponent(req.query.bbox)}` : ''}`;
      const ls: Link[] = [
        { href: q(offset), rel: rel.self, type: media.geojson },
        { href: q(offset).replace('f=json', 'f=html'), rel: rel.alternate, type: media.html },
        { href: `${root}/collections/${c.id}?f=json`, rel: rel.collection, type: media.json },
        ...(offset + limit < all.length ? [{ href: q(offset + limit), rel: rel.next, type: media.geojson, title: 'Next page' }] : []),
        ...(offset > 0 ? [{ href: q(Math.max(0, offset - limit)), rel: rel.prev, type: media.geojson, title: 'Previous page' }] : []),
      ];
      const body = { type: 'FeatureCollection', features, numberMatched: all.length, numberReturned: features.length, timeStamp: new Date().toISOString(), links: ls };
      return send(req, reply, body, media.geojson, c.title[pageContextOf(req).lang], () => featureTable(features, ls));
    });

    scope.get<{ Querystring: Query; Params: { id: string; featureId: string } }>('/ogc/collections/:id/items/:featureId', { schema: schema('One feature', { params: { id: { type: 'string', maxLength: 100 }, featureId: { type: 'string', maxLength: 100 } } }) }, async (req, reply) => {
      const c = find(req.params.id);
      const f = (await c.features()).find((x) => x.id === req.params.featureId);
      if (!f) throw new OgcError(404, 'NotFound', `There is no feature "${req.params.featureId}" in ${c.id}.`);
      const body = { ...f, links: [{ href: `${root}/collections/${c.id}/items/${f.id}?f=json`, rel: rel.self, type: media.geojson }, { href: `${root}/collections/${c.id}?f=json`, rel: rel.collection, type: media.json }] };
      return send(req, reply, body, media.geojson, f.id, () => featureTable([f], []));
    });
  });
}

function parseBbox(raw: string | undefined): [number, number, number, number] | undefined {
  if (raw === undefined) return undefined;
  const n = raw.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
  if ((n.length !== 4 && n.length !== 6) || n.some((x) => !Number.isFinite(x))) throw new OgcError(400, 'InvalidParameterValue', 'bbox must be four (or six) numbers: min longitude, min latitude, max longitude, max latitude.');
  const [x1, y1, x2, y2] = n.length === 4 ? n : [n[0]!, n[1]!, n[3]!, n[4]!];
  if (y1! > y2!) throw new OgcError(400, 'InvalidParameterValue', 'bbox: the minimum latitude must not be above the maximum.');
  return [x1!, y1!, x2!, y2!];
}

const intersects = (a: number[], b: number[]) => a[0]! <= b[2]! && a[2]! >= b[0]! && a[1]! <= b[3]! && a[3]! >= b[1]!;

function featureTable(features: Feature[], ls: Link[]): Html {
  const keys = [...new Set(features.flatMap((f) => Object.keys(f.properties)))];
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label="features"><table><thead><tr><th scope="col">id</th>${keys.map((k) => html`<th scope="col">${k}</th>`)}</tr></thead>
<tbody>${features.map((f) => html`<tr><th scope="row">${f.id}</th>${keys.map((k) => html`<td>${String(f.properties[k] ?? '')}</td>`)}</tr>`)}</tbody></table></div>
${ls.filter((l) => l.rel === rel.next || l.rel === rel.prev).map((l) => html`<p><a href="${l.href.replace('f=json', 'f=html')}">${l.title ?? l.rel}</a></p>`)}`;
}
