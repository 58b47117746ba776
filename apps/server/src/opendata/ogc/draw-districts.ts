/**
 * Draws the schematic outlines of the 18 districts shipped in districts.geojson (run once:
 * `node apps/server/src/opendata/ogc/draw-districts.ts`; turf is a development dependency).
 * No npm package publishes Hong Kong's district boundaries, and no data may be fetched at run
 * time, so the outlines are drawn: a coarse coastline of three landmasses (Hong Kong Island,
 * Kowloon with the New Territories, Lantau with the airport and Cheung Chau) cut into the
 * Voronoi cells of a hand-placed seed per district. They are honest sketches for a map and
 * for counting by district, not surveyed boundaries: production would load the Lands
 * Department's published District Council boundaries instead. The script checks that every
 * counter falls inside its own district's outline.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { featureCollection, point, polygon } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import { voronoi } from '@turf/voronoi';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { districts, places } from '../../counter/places.ts';

type Ring = Array<[number, number]>;
const close = (r: Ring): Ring => [...r, r[0]!];

const hkIsland: Ring = [[114.113, 22.285], [114.13, 22.29], [114.155, 22.291], [114.17, 22.288], [114.19, 22.291], [114.21, 22.297], [114.23, 22.288], [114.245, 22.272], [114.252, 22.26], [114.24, 22.24], [114.228, 22.212], [114.21, 22.2], [114.195, 22.208], [114.18, 22.23], [114.155, 22.236], [114.135, 22.243], [114.12, 22.258], [114.112, 22.272]];
const kowloonNt: Ring = [[113.9, 22.42], [113.93, 22.48], [113.98, 22.51], [114.03, 22.51], [114.08, 22.53], [114.13, 22.54], [114.18, 22.56], [114.23, 22.56], [114.27, 22.54], [114.3, 22.5], [114.33, 22.47], [114.37, 22.43], [114.4, 22.38], [114.38, 22.33], [114.33, 22.3], [114.29, 22.27], [114.27, 22.285], [114.255, 22.3], [114.232, 22.302], [114.21, 22.307], [114.195, 22.302], [114.185, 22.298], [114.17, 22.292], [114.16, 22.298], [114.153, 22.315], [114.14, 22.33], [114.12, 22.343], [114.1, 22.35], [114.07, 22.358], [114.03, 22.36], [113.99, 22.368], [113.95, 22.37], [113.92, 22.378], [113.9, 22.4]];
const lantau: Ring = [[113.83, 22.2], [113.86, 22.25], [113.9, 22.285], [113.94, 22.3], [113.97, 22.29], [114.01, 22.3], [114.05, 22.32], [114.065, 22.3], [114.04, 22.275], [114.0, 22.245], [113.95, 22.22], [113.9, 22.2]];
const airport: Ring = [[113.895, 22.3], [113.9, 22.33], [113.94, 22.335], [113.945, 22.305]];
const cheungChau: Ring = [[114.02, 22.2], [114.022, 22.218], [114.035, 22.22], [114.036, 22.202]];

// Seeds (lon, lat): each district's Voronoi cell within its landmass.
const islandSeeds: Record<string, [number, number]> = { 'central-western': [114.15, 22.28], 'wan-chai': [114.185, 22.275], eastern: [114.21, 22.28], southern: [114.175, 22.232] };
const mainlandSeeds: Record<string, [number, number]> = {
  'yau-tsim-mong': [114.168, 22.308],
  'sham-shui-po': [114.155, 22.335],
  'kowloon-city': [114.188, 22.322],
  'wong-tai-sin': [114.2, 22.345],
  'kwun-tong': [114.228, 22.312],
  'kwai-tsing': [114.125, 22.352],
  'tsuen-wan': [114.105, 22.38],
  'tuen-mun': [113.97, 22.4],
  'yuen-long': [114.03, 22.46],
  north: [114.16, 22.51],
  'tai-po': [114.19, 22.46],
  'sha-tin': [114.2, 22.39],
  'sai-kung': [114.27, 22.33],
};

function cells(seeds: Record<string, [number, number]>, land: Ring): Map<string, Feature<Polygon | MultiPolygon>> {
  const ids = Object.keys(seeds);
  const v = voronoi(featureCollection(ids.map((id) => point(seeds[id]!))), { bbox: [113.7, 22.1, 114.5, 22.7] });
  const out = new Map<string, Feature<Polygon | MultiPolygon>>();
  v.features.forEach((cell, i) => {
    const clipped = cell && intersect(featureCollection([cell, polygon([close(land)])]));
    if (clipped) out.set(ids[i]!, clipped);
  });
  return out;
}

const shapes = new Map([...cells(islandSeeds, hkIsland), ...cells(mainlandSeeds, kowloonNt)]);
const round = (c: unknown): unknown => (Array.isArray(c) && typeof c[0] === 'number' ? c.map((x: number) => Math.round(x * 10000) / 10000) : Array.isArray(c) ? c.map(round) : c);
const multi = (g: Polygon | MultiPolygon): number[][][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
const features = districts.map((d) => {
  const coordinates = d.id === 'islands' ? [[close(lantau)], [close(airport)], [close(cheungChau)]] : multi(shapes.get(d.id)!.geometry);
  return { type: 'Feature', id: d.id, properties: { id: d.id }, geometry: { type: 'MultiPolygon', coordinates: round(coordinates) } };
});
const out = { type: 'FeatureCollection', features };
for (const p of places) {
  const f = features.find((x) => x.id === p.district)!;
  if (!booleanPointInPolygon(point([p.lon, p.lat]), f.geometry as MultiPolygon)) process.stderr.write(`outside its district: ${p.id} (${p.district})\n`);
}
fs.writeFileSync(path.join(import.meta.dirname, 'districts.geojson'), `${JSON.stringify(out)}\n`);
process.stderr.write(`wrote ${features.length} districts\n`);
