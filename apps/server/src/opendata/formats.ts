import fs from 'node:fs';
import path from 'node:path';
import { toCsv } from '../http/csv.ts';
import type { Cell, Table } from './datasets.ts';

/** The downloads: CSV (http/csv.ts), JSON (an array of records) and GeoJSON (RFC 7946). */
export const tableCsv = (t: Table): string => toCsv(t.columns, t.rows.map((r) => t.columns.map((c) => r[c] ?? null)));

export const toJson = (t: Table): Array<Record<string, Cell>> => t.rows.map((r) => Object.fromEntries(t.columns.map((c) => [c, r[c] ?? null])));

export type Geometry = { type: 'Point'; coordinates: [number, number] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
export type Feature = { type: 'Feature'; id: string; geometry: Geometry; properties: Record<string, Cell> };
export type FeatureCollection = { type: 'FeatureCollection'; features: Feature[] };

/** The schematic district outlines (ogc/draw-districts.ts says how they were drawn). */
export const districtShapes: Map<string, Geometry> = new Map(
  (JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'ogc', 'districts.geojson'), 'utf8')) as FeatureCollection).features.map((f) => [String(f.id), f.geometry]),
);

/** A table whose rows name a place (`id` of a counter, `district`) as features. */
export function toGeoJson(t: Table, geometryOf: (row: Record<string, Cell>) => Geometry | undefined, idOf: (row: Record<string, Cell>) => string): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: t.rows.flatMap((r) => {
      const geometry = geometryOf(r);
      return geometry ? [{ type: 'Feature' as const, id: idOf(r), geometry, properties: toJson({ columns: t.columns, rows: [r] })[0]! }] : [];
    }),
  };
}
