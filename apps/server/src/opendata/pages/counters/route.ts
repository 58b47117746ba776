import type { FastifyInstance } from 'fastify';
import type { CounterStore } from '../../../counter/counters.ts';
import { html } from '../../../http/html.ts';
import { page } from '../../../http/layout.ts';
import { pageContextOf, sendPage } from '../../../http/page-context.ts';
import { htmlPage } from '../schemas.ts';
import { byDistance, districtCentre } from './nearest.ts';
import { countersPage } from './template.ts';

type Query = { district?: string; lat?: number; lon?: number };

export function registerCountersPage(app: FastifyInstance, deps: { counters: CounterStore; assets: string }): void {
  const query = { district: { type: 'string', maxLength: 40 }, lat: { type: 'number', minimum: 22, maximum: 23 }, lon: { type: 'number', minimum: 113.5, maximum: 114.6 } };
  app.get<{ Querystring: Query }>('/counters', { schema: htmlPage(['open data'], 'Find a registration counter: a map and a list by distance (works without script)', query), config: { rateLimit: { max: 300, timeWindow: '1 minute' } } }, async (req, reply) => {
    const p = pageContextOf(req);
    const { lat, lon } = req.query;
    const centre = districtCentre(req.query.district ?? '');
    const from = lat !== undefined && lon !== undefined ? { lat, lon } : centre;
    const list = byDistance(await deps.counters.list(), from);
    const head = html`<link rel="stylesheet" href="${deps.assets}/leaflet.css"><link rel="stylesheet" href="${deps.assets}/opendata.css">`;
    const body = countersPage(p, { list, district: centre ? req.query.district : undefined, near: Boolean(lat !== undefined && lon !== undefined) });
    return sendPage(reply, page(p, { title: p.t('opendata.mapTitle'), body, head, scripts: [`${deps.assets}/leaflet.js`, `${deps.assets}/map.js`] }));
  });
}
