import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ConsoleAuth } from '../../../consoles/auth.ts';
import { consolePage } from '../../../consoles/layout.ts';
import { html } from '../../../http/html.ts';
import { pageContextOf, sendPage } from '../../../http/page-context.ts';
import { registerStaticFiles } from '../../../http/static-files.ts';
import { formatDateTime } from '../../../i18n/time.ts';
import type { ClientStore } from '../../../oidc/clients.ts';
import { badRequest } from '../../../errors.ts';
import { DAY, dateOf, dayStart } from '../../buckets.ts';
import type { Rollup } from '../../rollup.ts';
import type { AnalyticsStore } from '../../store.ts';
import { buildChart, chartCsv, chartIds, type ChartId, type Range } from './charts.ts';
import { analyticsBody, type Filters } from './template.ts';

/**
 * `/console/operator/analytics` (operator role): charts drawn by uPlot from the tables beside
 * them, a CSV per chart, a date range and a service filter, all in a GET form that works
 * without script. The charts are the tables' pictures, not their only form.
 */
type Query = { from?: string; to?: string; service?: string; chart?: ChartId; lang?: string };
const ASSETS = '/analytics-assets';
const require = createRequire(import.meta.url);

export function registerAnalyticsPage(app: FastifyInstance, deps: { store: AnalyticsStore; rollup: Rollup; consoles: ConsoleAuth; clients: ClientStore }): void {
  registerStaticFiles(app, ASSETS, {
    'uPlot.js': require.resolve('uplot/dist/uPlot.iife.min.js'),
    'uPlot.css': require.resolve('uplot/dist/uPlot.min.css'),
    'charts.js': path.join(import.meta.dirname, '..', '..', 'assets', 'charts.js'),
    'analytics.css': path.join(import.meta.dirname, '..', '..', 'assets', 'analytics.css'),
  });
  const guard = { preHandler: deps.consoles.requireStaff('operator'), config: { rateLimit: { max: 120, timeWindow: '1 minute' } } };
  const querystring = {
    type: 'object',
    additionalProperties: false,
    properties: { from: { type: 'string', maxLength: 10 }, to: { type: 'string', maxLength: 10 }, service: { type: 'string', maxLength: 200 }, lang: { type: 'string', enum: ['en', 'zh-Hant', 'zh-Hans'] }, chart: { type: 'string', enum: [...chartIds] } },
  };
  const tags = ['operator console'];
  const pageSchema = { tags, summary: 'Usage analytics: charts with tables, filters (operator role)', produces: ['text/html'], querystring, response: { 200: { type: 'string' }, 400: { type: 'string' }, 403: { type: 'string' } } };
  const csvSchema = { tags, summary: 'One chart\'s figures as CSV (operator role)', produces: ['text/csv'], querystring: { ...querystring, required: ['chart'] }, response: { 200: { type: 'string' }, 400: { type: 'object', properties: { error: { type: 'string' }, message: { type: 'string' } } }, 403: { type: 'string' } } };

  function filters(req: FastifyRequest<{ Querystring: Query }>): { f: Filters; range: Range } {
    const today = dateOf(Date.now());
    const f = { to: req.query.to || today, from: req.query.from || dateOf(dayStart(req.query.to || today)! - 29 * DAY), service: req.query.service ?? '' };
    const from = dayStart(f.from);
    const to = dayStart(f.to);
    const t = pageContextOf(req).t;
    if (from === undefined || to === undefined) throw badRequest('bad_date', t('analytics.errors.bad_date'));
    if (from > to || to - from > 365 * DAY) throw badRequest('bad_range', t('analytics.errors.bad_range'));
    return { f, range: { from, to: to + DAY, service: f.service || undefined } };
  }

  app.get<{ Querystring: Query }>('/console/operator/analytics', { ...guard, schema: pageSchema }, async (req, reply) => {
    const p = pageContextOf(req);
    const { t } = p;
    let parsed: ReturnType<typeof filters>;
    let error: string | undefined;
    try {
      parsed = filters(req);
    } catch (err) {
      error = (err as Error).message;
      parsed = filters({ ...req, query: { lang: req.query.lang } } as FastifyRequest<{ Querystring: Query }>);
    }
    const [charts, dims, state] = await Promise.all([Promise.all(chartIds.map((id) => buildChart(deps.store, t, id, parsed.range))), deps.store.dims('logins.approved'), deps.rollup.status()]);
    const services = await Promise.all(dims.map(async (id) => ({ id, name: (await deps.clients.info(id))?.names[p.lang] || id })));
    const status = state.updatedAt ? html`<p class="muted">${t('analytics.rolledUpAt', { cursor: state.cursor, events: state.events.toLocaleString(p.lang), time: formatDateTime(p.lang, state.updatedAt) })}</p>` : html`<p class="muted">${t('analytics.notYet')}</p>`;
    const body = analyticsBody(p, { filters: error ? { ...parsed.f, from: req.query.from ?? '', to: req.query.to ?? '' } : parsed.f, services, charts, status, ...(error ? { error } : {}) });
    const head = html`<link rel="stylesheet" href="${ASSETS}/uPlot.css"><link rel="stylesheet" href="${ASSETS}/analytics.css">`;
    return sendPage(reply, consolePage(p, { title: t('analytics.title'), body, staff: await deps.consoles.staffBar(req), head, scripts: [`${ASSETS}/uPlot.js`, `${ASSETS}/charts.js`] }), error ? 400 : 200);
  });

  app.get<{ Querystring: Query }>('/console/operator/analytics.csv', { ...guard, schema: csvSchema }, async (req, reply) => {
    const { f, range } = filters(req);
    const chart = await buildChart(deps.store, pageContextOf(req).t, req.query.chart!, range);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="yat-${chart.id}-${f.from}-${f.to}.csv"`)
      .send(chartCsv(chart));
  });
}
