import { badRequest } from '../../errors.ts';
import type { T } from '../../i18n/index.ts';
import type { Snapshot } from './catalogue.ts';

export const maxQueryLength = 200;
export const pageSize = 20;
export const maxPage = 50;

export type SearchQuery = { q: string; department?: string; category?: string; onlineOnly: boolean; page: number };

const one = (v: unknown): string | undefined => (Array.isArray(v) ? String(v[0] ?? '') : v === undefined ? undefined : String(v));

/**
 * Reads /search's query string. Anything a resident (or a crafted link) can get wrong is a
 * 400 with a message saying what to change; unknown filters are refused rather than ignored,
 * so a link never silently shows different results from the ones it promised.
 */
export function parseSearchQuery(raw: Record<string, unknown>, snap: Snapshot, t: T): SearchQuery {
  const bad = (message: string) => badRequest('invalid_search', message);
  const q = (one(raw.q) ?? '').trim();
  if ([...q].length > maxQueryLength) throw bad(t('catalogue.errors.tooLong', { max: maxQueryLength }));
  const department = one(raw.department) || undefined;
  if (department && !snap.department(department)) throw bad(t('catalogue.errors.department', { value: department.slice(0, 60) }));
  const category = one(raw.category) || undefined;
  if (category && !snap.category(category)) throw bad(t('catalogue.errors.category', { value: category.slice(0, 60) }));
  const online = one(raw.online) ?? '';
  if (!['', '0', '1'].includes(online)) throw bad(t('catalogue.errors.online'));
  const pageText = one(raw.page) ?? '1';
  const page = /^\d{1,3}$/.test(pageText) ? Number(pageText) : NaN;
  if (!(page >= 1 && page <= maxPage)) throw bad(t('catalogue.errors.page', { max: maxPage }));
  return { q, department, category, onlineOnly: online === '1', page };
}

/** Runs the query: with words, by relevance; with filters only, every matching service. */
export function runSearch(snap: Snapshot, query: SearchQuery) {
  const filters = { department: query.department, category: query.category, onlineOnly: query.onlineOnly };
  if (query.q) return snap.search(query.q, filters);
  if (!query.department && !query.category && !query.onlineOnly) return [];
  return snap.services.filter(
    (s) => (!filters.department || s.department === filters.department) && (!filters.category || s.categories.includes(filters.category)) && (!filters.onlineOnly || s.online !== 'none'),
  );
}
