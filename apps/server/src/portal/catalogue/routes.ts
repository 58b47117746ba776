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

/** `figures`: the public figures shown on the home page (analytics), when given. */
export type CatalogueDeps = { catalogue: Catalogue; development: boolean; figures?: (p: PageContext) => Promise<Html> };

type Slug = { Params: { slug: string } };
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

  app.get(cssHref, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css));

  app.get('/', async (req, reply) => {
    const p = pageContextOf(req);
    return sendPage(reply, homePage(p, snap(), { development: deps.development, figures: await deps.figures?.(p) }));
  });

  app.get('/search', { config: searchLimit }, async (req, reply) => {
    const p = pageContextOf(req);
    const s = snap();
    const q = parseSearchQuery(req.query as Record<string, unknown>, s, p.t);
    return sendPage(reply, searchPage(p, s, q, runSearch(s, q)));
  });

  app.get('/api/catalogue/search', { config: searchLimit }, async (req) => {
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

  app.get<Slug>('/services/:slug', async (req, reply) => {
    const s = snap();
    const service = lookup(req, s.service(req.params.slug), 'catalogue.errors.service');
    return sendPage(reply, servicePage(pageContextOf(req), s, service));
  });

  app.get('/departments', async (req, reply) => sendPage(reply, departmentsPage(pageContextOf(req), snap())));

  app.get<Slug>('/departments/:slug', async (req, reply) => {
    const s = snap();
    const d = lookup(req, s.department(req.params.slug), 'catalogue.errors.department404');
    return sendPage(reply, departmentPage(pageContextOf(req), s, d));
  });

  app.get<Slug>('/categories/:slug', async (req, reply) => {
    const s = snap();
    const c = lookup(req, s.category(req.params.slug), 'catalogue.errors.topic404');
    return sendPage(reply, topicPage(pageContextOf(req), s, 'category', c));
  });

  app.get<Slug>('/life-events/:slug', async (req, reply) => {
    const s = snap();
    const e = lookup(req, s.lifeEvent(req.params.slug), 'catalogue.errors.topic404');
    return sendPage(reply, topicPage(pageContextOf(req), s, 'lifeEvent', e));
  });
}
