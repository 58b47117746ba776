import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../../errors.ts';
import type { Html } from '../../http/html.ts';
import type { PageContext } from '../../http/layout.ts';
import { pageContextOf, sendPage } from '../../http/page-context.ts';
import { langs, translator } from '../../i18n/index.ts';
import type { Catalogue } from './catalogue.ts';
import { triOf } from './model.ts';
import { departmentPage, departmentsPage, topicPage } from './pages/browse.ts';
import { cssHref } from './pages/components.ts';
import { homePage } from './pages/home.ts';
import { searchPage } from './pages/search.ts';
import { servicePage } from './pages/service.ts';
import { pageSize, parseSearchQuery, runSearch } from './query.ts';
import { z } from 'zod';
import { errorReplies, inLanguages, pageSchema } from '../../http/validate.ts';

/** `figures`: the public figures shown on the home page (analytics), when given. */
export type CatalogueDeps = { catalogue: Catalogue; development: boolean; figures?: (p: PageContext) => Promise<Html> };

type Slug = { Params: { slug: string } };
const slugParam = z.object({ slug: z.string().max(100) });
const param = z.union([z.string(), z.array(z.string())]).optional();
const searchQuery = z.object({ q: param, page: param }).loose().describe('q: the words; page: from 1; filters by department, category, online');
const searchReply = z.object({ query: z.string(), total: z.number(), page: z.number(), results: z.array(z.object({ slug: z.string(), department: z.string(), online: z.enum(['here', 'elsewhere', 'none']).describe('here: an e-form on this portal; elsewhere: the department site'), name: inLanguages, summary: inLanguages, url: z.string() })) });
// Searching is cheap but not free; 120 a minute is far beyond what a person types.
const searchLimit = { rateLimit: { max: 120, timeWindow: '1 minute' } };
const css = fs.readFileSync(path.join(import.meta.dirname, 'assets', 'catalogue.css'));

/** The portal's public pages: home, search, browsing by topic and department, service pages. */
export function registerCatalogueRoutes(app: FastifyInstance, deps: CatalogueDeps): void {
  const snap = () => deps.catalogue.current();
  const lookup = <T>(req: FastifyRequest, found: T | undefined, key: string): T => {
    if (found === undefined) throw notFound('not_found', pageContextOf(req).t(key));
    return found;
  };

  app.get(cssHref, { schema: { hide: true } }, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css));

  app.get('/', { schema: pageSchema('The portal: every government service, by life event, category and department') }, async (req, reply) => {
    const p = pageContextOf(req);
    return sendPage(reply, homePage(p, snap(), { development: deps.development, figures: await deps.figures?.(p) }));
  });

  app.get('/search', { config: searchLimit, schema: pageSchema('Search the services', { querystring: searchQuery }) }, async (req, reply) => {
    const p = pageContextOf(req);
    const s = snap();
    const q = parseSearchQuery(req.query as Record<string, unknown>, s, p.t);
    return sendPage(reply, searchPage(p, s, q, runSearch(s, q)));
  });

  app.get('/api/catalogue/search', { config: searchLimit, schema: { tags: ['catalogue'], summary: 'Search the services (the names and summaries in the three languages)', querystring: searchQuery, response: { 200: searchReply, ...errorReplies(400, 429) } } }, async (req) => {
    const p = pageContextOf(req);
    const s = snap();
    const q = parseSearchQuery(req.query as Record<string, unknown>, s, translator(p.lang));
    const results = runSearch(s, q);
    const shown = results.slice((q.page - 1) * pageSize, q.page * pageSize);
    return {
      query: q.q,
      total: results.length,
      page: q.page,
      results: shown.map((x) => ({
        slug: x.slug,
        department: x.department,
        online: x.online,
        name: Object.fromEntries(langs.map((l) => [l, triOf(x.name, l)])),
        summary: Object.fromEntries(langs.map((l) => [l, triOf(x.summary, l)])),
        url: `/services/${x.slug}`,
      })),
    };
  });

  app.get<Slug>('/services/:slug', { schema: pageSchema('A service: what it is, who can use it, how to apply', { params: slugParam }) }, async (req, reply) => {
    const s = snap();
    const service = lookup(req, s.service(req.params.slug), 'catalogue.errors.service');
    return sendPage(reply, servicePage(pageContextOf(req), s, service));
  });

  app.get('/departments', { schema: pageSchema('Every department and its services') }, async (req, reply) => sendPage(reply, departmentsPage(pageContextOf(req), snap())));

  app.get<Slug>('/departments/:slug', { schema: pageSchema("A department's services", { params: slugParam }) }, async (req, reply) => {
    const s = snap();
    const d = lookup(req, s.department(req.params.slug), 'catalogue.errors.department404');
    return sendPage(reply, departmentPage(pageContextOf(req), s, d));
  });

  app.get<Slug>('/categories/:slug', { schema: pageSchema('The services in a category', { params: slugParam }) }, async (req, reply) => {
    const s = snap();
    const c = lookup(req, s.category(req.params.slug), 'catalogue.errors.topic404');
    return sendPage(reply, topicPage(pageContextOf(req), s, 'category', c));
  });

  app.get<Slug>('/life-events/:slug', { schema: pageSchema('The services for a life event', { params: slugParam }) }, async (req, reply) => {
    const s = snap();
    const e = lookup(req, s.lifeEvent(req.params.slug), 'catalogue.errors.topic404');
    return sendPage(reply, topicPage(pageContextOf(req), s, 'lifeEvent', e));
  });
}
