import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * Static files of open data and the analytics charts, served from this server (the CSP allows
 * nothing else): Leaflet and uPlot straight from their npm packages, our own scripts and the
 * district outlines. Read once at start.
 */
const require = createRequire(import.meta.url);
const here = import.meta.dirname;
const types: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.geojson': 'application/geo+json; charset=utf-8' };

export function registerAssets(app: FastifyInstance, prefix: string, files: Record<string, string>): void {
  for (const [name, file] of Object.entries(files)) {
    const body = fs.readFileSync(file);
    const type = types[path.extname(name)]!;
    app.get(`${prefix}/${name}`, { schema: { tags: ['assets'], summary: `Static file ${name}`, produces: [type.split(';')[0]!], response: { 200: { type: 'string' } } } }, async (_req, reply) =>
      reply.type(type).header('cache-control', 'public, max-age=3600').send(body),
    );
  }
}

export const OPENDATA_ASSETS = '/opendata-assets';

export const opendataFiles = {
  'leaflet.js': require.resolve('leaflet/dist/leaflet.js'),
  'leaflet.css': require.resolve('leaflet/dist/leaflet.css'),
  'map.js': path.join(here, 'assets', 'map.js'),
  'opendata.css': path.join(here, 'assets', 'opendata.css'),
  'districts.geojson': path.join(here, 'ogc', 'districts.geojson'),
};
