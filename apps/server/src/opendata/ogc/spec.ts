/**
 * OGC API – Features – Part 1: Core (OGC 17-069r4), the names it defines:
 *   https://docs.ogc.org/is/17-069r4/17-069r4.html
 * conformance classes (§ 7.4 /req/core/conformance-success, Annex A), link relations
 * (§ 7.2–7.16), the CRS84 identifier (§ 7.15.3), limits on `limit` (§ 7.15.3 /req/core/fc-limit-definition).
 */
export const conformance = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
] as const;

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

export const rel = {
  self: 'self',
  alternate: 'alternate',
  serviceDesc: 'service-desc',
  serviceDoc: 'service-doc',
  conformance: 'conformance',
  data: 'data',
  items: 'items',
  next: 'next',
  prev: 'prev',
  collection: 'collection',
  license: 'license',
} as const;

export const media = {
  json: 'application/json',
  geojson: 'application/geo+json',
  html: 'text/html',
  openapi: 'application/vnd.oai.openapi+json;version=3.0',
} as const;

export const LIMIT = { default: 10, max: 1000 } as const;

export type Link = { href: string; rel: string; type?: string; title?: string };

/** The exception body of § 7.5.1 (an OpenAPI-described JSON object with a code and a description). */
export const exception = (code: string, description: string) => ({ code, description });
