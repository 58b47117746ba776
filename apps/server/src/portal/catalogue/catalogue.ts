import type { Logger } from '../../logger.ts';
import type { Db } from '../../storage/db.ts';
import * as seed from './content/index.ts';
import type { Department, Service, Topic } from './model.ts';
import { buildSearchIndex, type SearchFilters } from './search.ts';
import { createCatalogueStore, type CatalogueStore } from './store.ts';

/** What the pages read: the whole catalogue in memory, with its search index. */
export type Snapshot = {
  departments: readonly Department[];
  services: readonly Service[];
  categories: readonly Topic[];
  lifeEvents: readonly Topic[];
  department(slug: string): Department | undefined;
  service(slug: string): Service | undefined;
  category(slug: string): Topic | undefined;
  lifeEvent(slug: string): Topic | undefined;
  search(query: string, filters?: SearchFilters): Service[];
};

export type Catalogue = {
  current(): Snapshot;
  /** Re-reads the database and rebuilds the index (after an operator's edit). */
  reload(): Promise<void>;
  store: CatalogueStore;
};

export function snapshotOf(departments: readonly Department[], services: readonly Service[]): Snapshot {
  const deps = new Map(departments.map((d) => [d.slug, d]));
  const svcs = new Map(services.map((s) => [s.slug, s]));
  const cats = new Map(seed.categories.map((c) => [c.slug, c]));
  const events = new Map(seed.lifeEvents.map((e) => [e.slug, e]));
  const index = buildSearchIndex(services, departments);
  return {
    departments,
    services,
    categories: seed.categories,
    lifeEvents: seed.lifeEvents,
    department: (slug) => deps.get(slug),
    service: (slug) => svcs.get(slug),
    category: (slug) => cats.get(slug),
    lifeEvent: (slug) => events.get(slug),
    search: (query, filters) => index.search(query, filters).map((h) => svcs.get(h.slug)!),
  };
}

/** Brings the seed into the database (idempotent upsert by slug) and loads the catalogue. */
export async function openCatalogue(deps: { db: Db; log?: Logger }): Promise<Catalogue> {
  const store = createCatalogueStore(deps.db);
  await store.upsertSeed(seed.departments, seed.services);
  let snapshot: Snapshot;
  const reload = async (): Promise<void> => {
    const [departments, services] = await Promise.all([store.listDepartments(), store.listServices()]);
    snapshot = snapshotOf(departments, services);
  };
  await reload();
  deps.log?.info({ departments: snapshot!.departments.length, services: snapshot!.services.length }, 'service catalogue loaded');
  return { current: () => snapshot, reload, store };
}
