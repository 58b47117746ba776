import type { Text3 } from '../../counter/places.ts';
import { datasets, groups, type Dataset } from '../datasets.ts';

/**
 * The datasets as CKAN package dictionaries (the fields CKAN's default schema returns from
 * package_show), with the three languages as ckanext-fluent does it (`title_translated`,
 * `notes_translated`) and the update frequency and languages as extras. One organization
 * publishes them all: the office that runs the platform.
 */
export const ORGANIZATION = {
  id: 'yat-platform',
  name: 'yat-platform',
  title: 'Yat platform operations',
  title_translated: { en: 'Yat platform operations', 'zh-Hant': '壹平台營運', 'zh-Hans': '壹平台营运' },
  description: 'Runs the digital identity and the government services portal, and publishes what the public may know about them.',
  type: 'organization',
  is_organization: true,
  state: 'active',
  approval_status: 'approved',
  image_url: '',
  created: '2026-01-01T00:00:00',
};

export const LICENSE = { id: 'cc-by-4.0', title: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' };

const formats = (d: Dataset) => (d.spatial ? (['CSV', 'JSON', 'GeoJSON'] as const) : (['CSV', 'JSON'] as const));
const extension = { CSV: 'csv', JSON: 'json', GeoJSON: 'geojson' } as const;
const mimetype = { CSV: 'text/csv', JSON: 'application/json', GeoJSON: 'application/geo+json' } as const;
export type Format = keyof typeof extension;

export const resourceId = (d: Dataset, f: Format) => `${d.name}-${extension[f]}`;
export const downloadPath = (d: Dataset, f: Format) => `/data/${d.name}.${extension[f]}`;

export function resourcesOf(d: Dataset, base: string, modified: string) {
  return formats(d).map((f, position) => ({
    id: resourceId(d, f),
    package_id: d.name,
    name: `${d.title.en} (${f})`,
    description: d.notes.en,
    format: f,
    mimetype: mimetype[f],
    url: `${base}${downloadPath(d, f)}`,
    url_type: null,
    position,
    state: 'active',
    created: ORGANIZATION.created,
    last_modified: modified,
  }));
}

const groupDict = (name: keyof typeof groups) => ({ id: name, name, title: groups[name].en, title_translated: groups[name], display_name: groups[name].en, type: 'group', state: 'active', is_organization: false });
export const groupList = () => (Object.keys(groups) as Array<keyof typeof groups>).map(groupDict);

export function packageOf(d: Dataset, base: string, modified: string) {
  const resources = resourcesOf(d, base, modified);
  const tags = d.tags.map((name) => ({ id: name, name, display_name: name, state: 'active', vocabulary_id: null }));
  return {
    id: d.name,
    name: d.name,
    title: d.title.en,
    title_translated: d.title,
    notes: d.notes.en,
    notes_translated: d.notes,
    type: 'dataset',
    state: 'active',
    private: false,
    license_id: LICENSE.id,
    license_title: LICENSE.title,
    license_url: LICENSE.url,
    isopen: true,
    author: ORGANIZATION.title,
    maintainer: ORGANIZATION.title,
    url: `${base}/data#${d.name}`,
    version: null,
    metadata_created: ORGANIZATION.created,
    metadata_modified: modified,
    frequency: d.frequency,
    language: ['en', 'zh-Hant', 'zh-Hans'],
    spatial: d.spatial,
    owner_org: ORGANIZATION.id,
    organization: ORGANIZATION,
    groups: [groupDict(d.group)],
    tags,
    num_tags: tags.length,
    resources,
    num_resources: resources.length,
    extras: [
      { key: 'frequency', value: d.frequency },
      { key: 'language', value: 'en,zh-Hant,zh-Hans' },
    ],
  };
}

export type Package = ReturnType<typeof packageOf>;

export const allPackages = (base: string, modified: string): Package[] => datasets.map((d) => packageOf(d, base, modified));

/** Text in every language, for search. */
export const textOf = (x: Text3) => `${x.en} ${x['zh-Hant']} ${x['zh-Hans']}`;
