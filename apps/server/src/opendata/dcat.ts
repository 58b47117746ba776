import type { Text3 } from '../counter/places.ts';
import { LICENSE, ORGANIZATION, downloadPath, resourceId, type Format } from './ckan/packages.ts';
import { datasets, groups, type Dataset } from './datasets.ts';

/**
 * The catalogue for harvesters, as DCAT-AP 3.0 in JSON-LD (`/catalog.jsonld`):
 *   https://semiceu.github.io/DCAT-AP/releases/3.0.0/
 * Titles and descriptions are language-tagged literals in the three languages; frequency,
 * file type and language use the EU Publications Office authority tables, as DCAT-AP asks.
 */
const EU = 'http://publications.europa.eu/resource/authority';
const context = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  locn: 'http://www.w3.org/ns/locn#',
};

const literals = (x: Text3) => [
  { '@value': x.en, '@language': 'en' },
  { '@value': x['zh-Hant'], '@language': 'zh-Hant' },
  { '@value': x['zh-Hans'], '@language': 'zh-Hans' },
];
const fileType: Record<Format, string> = { CSV: 'CSV', JSON: 'JSON', GeoJSON: 'GEOJSON' };
const mediaType: Record<Format, string> = { CSV: 'text/csv', JSON: 'application/json', GeoJSON: 'application/geo+json' };
const date = (iso: string) => ({ '@value': iso, '@type': 'xsd:dateTime' });
// Hong Kong's extent, for the spatial datasets (dct:spatial as a bounding box in WKT).
const HONG_KONG_BOX = 'POLYGON((113.83 22.15,114.44 22.15,114.44 22.57,113.83 22.57,113.83 22.15))';

function datasetNode(d: Dataset, base: string, modified: string) {
  const formats: Format[] = d.spatial ? ['CSV', 'JSON', 'GeoJSON'] : ['CSV', 'JSON'];
  return {
    '@id': `${base}/data#${d.name}`,
    '@type': 'dcat:Dataset',
    'dct:identifier': d.name,
    'dct:title': literals(d.title),
    'dct:description': literals(d.notes),
    'dct:publisher': { '@id': `${base}/#publisher` },
    'dcat:contactPoint': { '@type': 'vcard:Organization', 'vcard:fn': ORGANIZATION.title, 'vcard:hasURL': { '@id': `${base}/data` } },
    'dct:accrualPeriodicity': { '@id': `${EU}/frequency/${d.frequency}` },
    'dct:language': ['ENG', 'ZHO'].map((l) => ({ '@id': `${EU}/language/${l}` })),
    'dcat:theme': { '@id': `${base}/data#theme-${d.group}`, 'dct:title': literals(groups[d.group]) },
    'dcat:keyword': d.tags,
    'dct:modified': date(modified),
    'dcat:landingPage': { '@id': `${base}/data#${d.name}` },
    ...(d.spatial ? { 'dct:spatial': { '@type': 'dct:Location', 'dcat:bbox': { '@value': HONG_KONG_BOX, '@type': 'http://www.opengis.net/ont/geosparql#wktLiteral' } } } : {}),
    'dcat:distribution': formats.map((f) => ({
      '@id': `${base}/data#${resourceId(d, f)}`,
      '@type': 'dcat:Distribution',
      'dct:title': `${d.title.en} (${f})`,
      'dcat:accessURL': { '@id': `${base}/api/3/action/package_show?id=${d.name}` },
      'dcat:downloadURL': { '@id': `${base}${downloadPath(d, f)}` },
      'dct:format': { '@id': `${EU}/file-type/${fileType[f]}` },
      'dcat:mediaType': { '@id': `https://www.iana.org/assignments/media-types/${mediaType[f]}` },
      'dct:license': { '@id': LICENSE.url },
      'dct:modified': date(modified),
    })),
  };
}

export function dcatCatalog(base: string, modified: string) {
  return {
    '@context': context,
    '@id': `${base}/catalog.jsonld`,
    '@type': 'dcat:Catalog',
    'dct:title': literals({ en: 'Yat open data', 'zh-Hant': '壹 開放數據', 'zh-Hans': '壹 开放数据' }),
    'dct:description': literals({ en: 'Open data about the digital identity platform and the government services portal.', 'zh-Hant': '有關數碼身份平台及政府服務入門網站的開放數據。', 'zh-Hans': '有关数码身份平台及政府服务入门网站的开放数据。' }),
    'dct:publisher': { '@id': `${base}/#publisher`, '@type': 'foaf:Organization', 'foaf:name': literals(ORGANIZATION.title_translated) },
    'foaf:homepage': { '@id': `${base}/data` },
    'dct:license': { '@id': LICENSE.url },
    'dct:language': ['ENG', 'ZHO'].map((l) => ({ '@id': `${EU}/language/${l}` })),
    'dct:modified': date(modified),
    'dcat:dataset': datasets.map((d) => datasetNode(d, base, modified)),
  };
}
