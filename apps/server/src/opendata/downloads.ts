import type { FastifyInstance } from 'fastify';
import { notFound } from '../errors.ts';
import { dcatCatalog } from './dcat.ts';
import { findDataset, type Tables } from './datasets.ts';
import { districtShapes, tableCsv, toGeoJson, toJson } from './formats.ts';
import { problem } from './pages/schemas.ts';

/**
 * The resources' downloads (`/data/<dataset>.csv|json|geojson`) and the DCAT-AP catalogue.
 * Built on each request from the live tables; cached briefly by clients and proxies.
 */
const types = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8', geojson: 'application/geo+json; charset=utf-8' } as const;

const downloadSchema = {
  tags: ['open data'],
  summary: 'Download a dataset as CSV, JSON or GeoJSON',
  params: { type: 'object', required: ['file'], properties: { file: { type: 'string', pattern: '^[a-z0-9-]+\\.(csv|json|geojson)$', maxLength: 100 } } },
  produces: ['text/csv', 'application/json', 'application/geo+json'],
  response: { 200: { description: 'The table: CSV, a JSON array of records, or a GeoJSON FeatureCollection' }, 400: problem, 404: problem },
};
const catalogSchema = { tags: ['open data'], summary: 'The DCAT-AP catalogue (JSON-LD) for harvesters', produces: ['application/ld+json'], response: { 200: { type: 'object', additionalProperties: true } } };

export function registerDownloads(app: FastifyInstance, deps: { tables: Tables; base: string; modified(): string }): void {
  const config = { rateLimit: { max: 300, timeWindow: '1 minute' } };
  app.get<{ Params: { file: string } }>(
    '/data/:file',
    { config, schema: downloadSchema },
    async (req, reply) => {
      const [name, ext] = req.params.file.split('.') as [string, keyof typeof types];
      const d = findDataset(name);
      if (!d || (ext === 'geojson' && !d.spatial)) throw notFound('not_found', `There is no download ${req.params.file}. The list is at /data.`);
      const table = await deps.tables.table(d.name);
      reply.type(types[ext]).header('cache-control', 'public, max-age=300').header('content-disposition', `attachment; filename="${req.params.file}"`);
      if (ext === 'csv') return reply.send(tableCsv(table));
      if (ext === 'json') return reply.send(JSON.stringify(toJson(table)));
      const geo = d.name === 'registration-counters'
        ? toGeoJson(table, (r) => ({ type: 'Point', coordinates: [Number(r.lon), Number(r.lat)] }), (r) => String(r.id))
        : toGeoJson(table, (r) => districtShapes.get(String(r.district)), (r) => String(r.district));
      return reply.send(JSON.stringify(geo));
    },
  );

  app.get('/catalog.jsonld', { config, schema: catalogSchema }, async (_req, reply) =>
    reply.type('application/ld+json; charset=utf-8').header('cache-control', 'public, max-age=300').send(JSON.stringify(dcatCatalog(deps.base, deps.modified()))),
  );
}
