import { createRequire } from 'node:module';
import path from 'node:path';

/** Open data's static files: Leaflet from its npm package, the map script, styles, the district outlines. */
const require = createRequire(import.meta.url);
const here = import.meta.dirname;

export const OPENDATA_ASSETS = '/opendata-assets';

export const opendataFiles = {
  'leaflet.js': require.resolve('leaflet/dist/leaflet.js'),
  'leaflet.css': require.resolve('leaflet/dist/leaflet.css'),
  'map.js': path.join(here, 'assets', 'map.js'),
  'opendata.css': path.join(here, 'assets', 'opendata.css'),
  'districts.geojson': path.join(here, 'ogc', 'districts.geojson'),
};
