import { invalid, CkanError } from './envelope.ts';
import type { Package } from './packages.ts';

/**
 * package_search over the datasets in memory, with CKAN's (Solr's) parameters:
 * `q` (words, all of which must match; `field:value` terms filter), `fq` (`field:value` or
 * `field:"two words"` clauses, all of which must hold), `rows` (≤ 1000), `start`, `sort`
 * (`field asc|desc`, comma-separated), `facet.field` (a JSON list), `facet.limit`,
 * `facet.mincount`. https://docs.ckan.org/en/2.10/api/index.html#ckan.logic.action.get.package_search
 */
export type SearchParams = Record<string, unknown>;

const facetable = ['organization', 'groups', 'tags', 'res_format', 'license_id', 'frequency'] as const;
type Facet = (typeof facetable)[number];
const filterable = new Set<string>([...facetable, 'name', 'id', 'spatial']);

function valuesOf(p: Package, field: string): string[] {
  switch (field) {
    case 'organization':
      return [p.organization.name];
    case 'groups':
      return p.groups.map((g) => g.name);
    case 'tags':
      return p.tags.map((t) => t.name);
    case 'res_format':
      return [...new Set(p.resources.map((r) => r.format))];
    case 'license_id':
      return [p.license_id];
    case 'frequency':
      return [p.frequency];
    case 'spatial':
      return [String(p.spatial)];
    default:
      return [p.name];
  }
}

const display = (p: Package[], field: Facet, value: string): string =>
  field === 'organization' ? p[0]!.organization.title : field === 'groups' ? (p.flatMap((x) => x.groups).find((g) => g.name === value)?.title ?? value) : value;

function integer(params: SearchParams, name: string, dflt: number, max: number): number {
  const raw = params[name];
  if (raw === undefined || raw === '') return dflt;
  const n = typeof raw === 'number' ? raw : /^\d+$/.test(String(raw)) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 0) throw invalid(name, 'Invalid integer');
  if (n > max) throw invalid(name, `Must be less than or equal to ${max}`);
  return n;
}

/** `field:value` and `field:"quoted value"` clauses; `+` and AND are allowed between them. */
function clauses(text: string, what: 'q' | 'fq'): { filters: Array<[string, string]>; words: string[] } {
  const filters: Array<[string, string]> = [];
  const words: string[] = [];
  for (const m of text.matchAll(/\+?([A-Za-z_]+):(?:"([^"]*)"|(\S+))|(\S+)/g)) {
    if (m[4]) {
      if (m[4] !== 'AND' && m[4] !== '*:*' && m[4] !== '*') words.push(m[4].toLowerCase());
      continue;
    }
    const field = m[1]!;
    if (!filterable.has(field)) throw new CkanError('searchQuery', `Search Query is invalid: undefined field ${field} in ${what}`);
    filters.push([field, m[2] ?? m[3]!]);
  }
  return { filters, words };
}

const haystack = (p: Package) => ({
  title: `${p.title} ${Object.values(p.title_translated).join(' ')}`.toLowerCase(),
  tags: p.tags.map((t) => t.name).join(' ').toLowerCase(),
  body: `${p.name} ${p.notes} ${Object.values(p.notes_translated).join(' ')} ${p.resources.map((r) => r.format).join(' ')}`.toLowerCase(),
});

function sorter(sort: string): (a: { p: Package; score: number }, b: { p: Package; score: number }) => number {
  const keys = sort.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const [field, dir = 'asc', extra] = s.split(/\s+/);
    if (extra || !['asc', 'desc'].includes(dir) || !['score', 'name', 'title_string', 'metadata_modified', 'metadata_created', 'num_resources'].includes(field!)) throw invalid('sort', `Cannot sort by "${s}"`);
    return { field: field!, sign: dir === 'asc' ? 1 : -1 };
  });
  const value = (x: { p: Package; score: number }, f: string): string | number => (f === 'score' ? x.score : f === 'title_string' ? x.p.title.toLowerCase() : f === 'num_resources' ? x.p.num_resources : String(x.p[f as 'name']));
  return (a, b) => {
    for (const k of keys) {
      const va = value(a, k.field);
      const vb = value(b, k.field);
      if (va !== vb) return (va < vb ? -1 : 1) * k.sign;
    }
    return a.p.name.localeCompare(b.p.name);
  };
}

function facetFields(raw: unknown): Facet[] {
  if (raw === undefined || raw === '') return [];
  let list: unknown = raw;
  if (typeof raw === 'string') {
    try {
      list = JSON.parse(raw);
    } catch {
      throw invalid('facet.field', 'Must be a JSON list of field names, e.g. ["organization","tags"]');
    }
  }
  if (!Array.isArray(list) || !list.every((f) => typeof f === 'string')) throw invalid('facet.field', 'Must be a JSON list of field names, e.g. ["organization","tags"]');
  const bad = list.find((f) => !(facetable as readonly string[]).includes(f));
  if (bad) throw invalid('facet.field', `Cannot facet on "${bad}"; use ${facetable.join(', ')}`);
  return list as Facet[];
}

export function packageSearch(all: Package[], params: SearchParams) {
  const rows = integer(params, 'rows', 10, 1000);
  const start = integer(params, 'start', 0, 100_000);
  const facetLimit = integer(params, 'facet.limit', 50, 1000);
  const minCount = integer(params, 'facet.mincount', 1, 1_000_000);
  const sort = typeof params.sort === 'string' && params.sort.trim() ? params.sort : 'score desc, metadata_modified desc';
  const order = sorter(sort);
  const fields = facetFields(params['facet.field']);
  const q = clauses(typeof params.q === 'string' ? params.q : '', 'q');
  const fq = clauses(typeof params.fq === 'string' ? params.fq : '', 'fq');
  if (fq.words.length) throw new CkanError('searchQuery', `Search Query is invalid: fq takes field:value clauses, not "${fq.words[0]}"`);
  const filters = [...q.filters, ...fq.filters];

  const matched = all
    .filter((p) => filters.every(([f, v]) => valuesOf(p, f).includes(v)))
    .map((p) => {
      const h = haystack(p);
      let score = 0;
      for (const w of q.words) {
        const s = (h.title.includes(w) ? 3 : 0) + (h.tags.includes(w) ? 2 : 0) + (h.body.includes(w) ? 1 : 0);
        if (!s) return { p, score: -1 };
        score += s;
      }
      return { p, score };
    })
    .filter((x) => x.score >= 0)
    .sort(order);

  const facets: Record<string, Record<string, number>> = {};
  const searchFacets: Record<string, { title: string; items: Array<{ name: string; display_name: string; count: number }> }> = {};
  for (const f of fields) {
    const counts = new Map<string, number>();
    for (const { p } of matched) for (const v of valuesOf(p, f)) counts.set(v, (counts.get(v) ?? 0) + 1);
    const items = [...counts].filter(([, n]) => n >= minCount).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, facetLimit);
    facets[f] = Object.fromEntries(items);
    searchFacets[f] = { title: f, items: items.map(([name, count]) => ({ name, display_name: display(all, f, name), count })) };
  }
  return { count: matched.length, sort, results: matched.slice(start, start + rows).map((x) => x.p), facets, search_facets: searchFacets };
}
