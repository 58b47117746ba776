import MiniSearch, { type SearchResult } from 'minisearch';
import type { Department, Online, Service } from './model.ts';
import { queryVariants } from './synonyms.ts';
import { isHan, processTerm, tokenizeForIndex, tokenizeForQuery } from './text.ts';

/**
 * Full-text search over the catalogue, in process (MiniSearch): BM25 ranking, typo tolerance
 * for English, bigrams for Chinese, and the same results on SQLite and PostgreSQL. The index is
 * rebuilt from the database whenever the catalogue is (re)loaded; 300 services take a few ms.
 */
type Doc = {
  id: string;
  nameEn: string;
  nameZh: string;
  summaryEn: string;
  summaryZh: string;
  keywords: string;
  department: string;
  departmentName: string;
  categories: readonly string[];
  online: Online;
  popular: boolean;
};

export type SearchFilters = { department?: string; category?: string; onlineOnly?: boolean };
export type SearchHit = { slug: string; score: number };

export type SearchIndex = { search(query: string, filters?: SearchFilters): SearchHit[] };

const fields = ['nameEn', 'nameZh', 'summaryEn', 'summaryZh', 'keywords', 'departmentName'] as const;
const boost = { nameEn: 4, nameZh: 4, keywords: 3, summaryEn: 1, summaryZh: 1, departmentName: 0.5 };

function toDoc(s: Service, departments: ReadonlyMap<string, Department>): Doc {
  const d = departments.get(s.department);
  return {
    id: s.slug,
    nameEn: s.name[0],
    nameZh: `${s.name[1]} ${s.name[2]}`,
    summaryEn: s.summary[0],
    summaryZh: `${s.summary[1]} ${s.summary[2]}`,
    keywords: (s.keywords ?? []).join(' '),
    department: s.department,
    departmentName: d ? d.name.join(' ') : '',
    categories: s.categories,
    online: s.online,
    popular: s.popular !== undefined,
  };
}

// Typos are forgiven in longer English words only: "tax" must not also find "taxi".
const fuzzy = (term: string): number | false => (!isHan(term) && term.length >= 4 ? 0.2 : false);
// The last word may be unfinished ("driving lic").
const prefix = (term: string, i: number, terms: string[]): boolean => !isHan(term) && term.length >= 3 && i === terms.length - 1;

const enoughExactHits = 5;
// Residents type a few words; repeating or piling up words only multiplies the fuzzy matching
// work, so a query keeps its first dozen distinct words.
const maxWords = 12;
const trimQuery = (query: string): string => [...new Set(query.split(/\s+/).filter(Boolean))].slice(0, maxWords).join(' ');

export function buildSearchIndex(services: readonly Service[], departments: readonly Department[]): SearchIndex {
  const byDept = new Map(departments.map((d) => [d.slug, d]));
  const mini = new MiniSearch<Doc>({
    fields: [...fields],
    storeFields: ['department', 'categories', 'online', 'popular'],
    tokenize: tokenizeForIndex,
    processTerm,
    // What many residents look for wins a close call: a mild prior, never enough to outrank a better match.
    searchOptions: { tokenize: tokenizeForQuery, processTerm, boost, fuzzy, prefix, boostDocument: (_id, _term, stored) => (stored?.popular ? 1.3 : 1) },
  });
  mini.addAll(services.map((s) => toDoc(s, byDept)));

  return {
    search(rawQuery, filters = {}) {
      const query = trimQuery(rawQuery);
      const filter = (r: SearchResult): boolean =>
        (!filters.department || r.department === filters.department) &&
        (!filters.category || (r.categories as string[]).includes(filters.category)) &&
        (!filters.onlineOnly || r.online !== 'none');
      // Services matching every word come first. Only when those are few do services matching
      // some of the words follow: "driving licence" should not list every licence there is.
      // Each wording of the query (synonyms.ts) is searched; a service keeps its best showing.
      const best = new Map<string, { tier: number; score: number }>();
      const keep = (r: SearchResult, tier: number) => {
        const had = best.get(r.id as string);
        if (!had || tier < had.tier || (tier === had.tier && r.score > had.score)) best.set(r.id as string, { tier, score: r.score });
      };
      const variants = queryVariants(query);
      for (const q of variants) for (const r of mini.search(q, { combineWith: 'AND', filter })) keep(r, 0);
      if (best.size < enoughExactHits) for (const q of variants) for (const r of mini.search(q, { combineWith: 'OR', filter })) keep(r, 1);
      return [...best].sort(([, x], [, y]) => x.tier - y.tier || y.score - x.score).map(([slug, { score }]) => ({ slug, score }));
    },
  };
}
