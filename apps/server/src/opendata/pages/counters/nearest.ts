import type { Place } from '../../../counter/places.ts';
import { districtShapes } from '../../formats.ts';

/** Great-circle distance in kilometres (haversine; plenty for a city). */
export function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(h));
}

/** A district's middle: the mean of its largest outline's corners. */
export function districtCentre(id: string): { lat: number; lon: number } | undefined {
  const g = districtShapes.get(id);
  if (!g || g.type !== 'MultiPolygon') return undefined;
  const ring = g.coordinates.map((p) => p[0]!).sort((a, b) => b.length - a.length)[0]!;
  const pts = ring.slice(0, -1);
  return { lon: pts.reduce((s, p) => s + p[0]!, 0) / pts.length, lat: pts.reduce((s, p) => s + p[1]!, 0) / pts.length };
}

export function byDistance(places: Place[], from: { lat: number; lon: number } | undefined): Array<{ place: Place; km: number | null }> {
  if (!from) return places.map((place) => ({ place, km: null }));
  return places.map((place) => ({ place, km: km(from, place) })).sort((a, b) => a.km! - b.km!);
}
