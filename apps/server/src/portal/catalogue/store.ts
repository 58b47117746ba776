import type { Db } from '../../storage/db.ts';
import type { Database } from '../../storage/schema.ts';
import type { Department, Online, Service, Tri } from './model.ts';

type ServiceRow = Database['portal_services'];
type DepartmentRow = Database['portal_departments'];
type DepartmentText = { name: string; summary: string; counter: string; hours: string };
type ServiceText = { name: string; summary: string; feeNote?: string };

const langColumns = ['text_en', 'text_zh_hant', 'text_zh_hans'] as const;
const tri = (rows: readonly string[]): Tri => [rows[0]!, rows[1]!, rows[2]!];
const parse = <T>(s: string): T => JSON.parse(s) as T;

/** Rows are written by the seed (source 'seed') or by an operator (source 'operator'). */
export type Source = 'seed' | 'operator';

export type CatalogueStore = {
  listDepartments(): Promise<Department[]>;
  listServices(): Promise<Service[]>;
  /** Inserts or refreshes rows by slug; rows an operator has edited are left as they are. */
  upsertSeed(departments: readonly Department[], services: readonly Service[]): Promise<void>;
  /** An operator's edit: marked as theirs, so later seeds leave it alone. Call reload() after. */
  saveServiceByOperator(service: Service, operator: string): Promise<void>;
};

export function departmentToRow(d: Department, source: Source, now: number, updatedBy: string | null = null): DepartmentRow {
  const text = (i: number): string => JSON.stringify({ name: d.name[i]!, summary: d.summary[i]!, counter: d.counter[i]!, hours: d.hours[i]! } satisfies DepartmentText);
  return { slug: d.slug, text_en: text(0), text_zh_hant: text(1), text_zh_hans: text(2), phone: d.phone, website: d.website, source, updated_by: updatedBy, updated_at: now };
}

export function serviceToRow(s: Service, source: Source, now: number, updatedBy: string | null = null): ServiceRow {
  const text = (i: number): string => JSON.stringify({ name: s.name[i]!, summary: s.summary[i]!, ...(s.feeNote ? { feeNote: s.feeNote[i]! } : {}) } satisfies ServiceText);
  return {
    slug: s.slug,
    department_slug: s.department,
    text_en: text(0),
    text_zh_hant: text(1),
    text_zh_hans: text(2),
    categories: JSON.stringify(s.categories),
    life_events: JSON.stringify(s.lifeEvents),
    eligibility: JSON.stringify(s.eligibility),
    documents: JSON.stringify(s.documents),
    keywords: JSON.stringify(s.keywords ?? []),
    fee_hkd: s.fee,
    processing_days: s.days,
    online: s.online,
    online_url: s.url ?? null,
    counter: s.counter ? 1 : 0,
    accepts_identity: s.identity ? 1 : 0,
    popular: s.popular ?? null,
    source,
    updated_by: updatedBy,
    updated_at: now,
  };
}

function departmentFromRow(r: DepartmentRow): Department {
  const texts = langColumns.map((c) => parse<DepartmentText>(r[c]));
  const pick = (k: keyof DepartmentText): Tri => tri(texts.map((t) => t[k]));
  return { slug: r.slug, name: pick('name'), summary: pick('summary'), counter: pick('counter'), hours: pick('hours'), phone: r.phone, website: r.website };
}

function serviceFromRow(r: ServiceRow): Service {
  const texts = langColumns.map((c) => parse<ServiceText>(r[c]));
  const feeNote = texts[0]!.feeNote ? tri(texts.map((t) => t.feeNote ?? '')) : undefined;
  const popular = r.popular === null ? undefined : Number(r.popular);
  return {
    slug: r.slug,
    department: r.department_slug,
    name: tri(texts.map((t) => t.name)),
    summary: tri(texts.map((t) => t.summary)),
    categories: parse<string[]>(r.categories),
    lifeEvents: parse<string[]>(r.life_events),
    eligibility: parse<string[]>(r.eligibility),
    documents: parse<string[]>(r.documents),
    keywords: parse<string[]>(r.keywords),
    fee: Number(r.fee_hkd),
    ...(feeNote ? { feeNote } : {}),
    days: Number(r.processing_days),
    online: r.online as Online,
    ...(r.online_url ? { url: r.online_url } : {}),
    counter: Number(r.counter) === 1,
    identity: Number(r.accepts_identity) === 1,
    ...(popular !== undefined ? { popular } : {}),
  };
}

// Small batches keep each statement well under both databases' bound-parameter limits.
const batchSize = 40;
const chunks = <T>(xs: readonly T[]): T[][] => Array.from({ length: Math.ceil(xs.length / batchSize) }, (_, i) => xs.slice(i * batchSize, (i + 1) * batchSize));

export function createCatalogueStore(db: Db): CatalogueStore {
  return {
    async listDepartments() {
      return (await db.selectFrom('portal_departments').selectAll().orderBy('slug').execute()).map(departmentFromRow);
    },
    async listServices() {
      return (await db.selectFrom('portal_services').selectAll().orderBy('slug').execute()).map(serviceFromRow);
    },
    async saveServiceByOperator(service, operator) {
      const row = serviceToRow(service, 'operator', Date.now(), operator);
      const { slug: _slug, ...changes } = row;
      await db.insertInto('portal_services').values(row).onConflict((oc) => oc.column('slug').doUpdateSet(changes)).execute();
    },
    async upsertSeed(departments, services) {
      const now = Date.now();
      await db.transaction().execute(async (trx) => {
        for (const batch of chunks(departments.map((d) => departmentToRow(d, 'seed', now)))) {
          await trx
            .insertInto('portal_departments')
            .values(batch)
            .onConflict((oc) =>
              oc.column('slug').doUpdateSet((eb) => ({
                text_en: eb.ref('excluded.text_en'), text_zh_hant: eb.ref('excluded.text_zh_hant'), text_zh_hans: eb.ref('excluded.text_zh_hans'),
                phone: eb.ref('excluded.phone'), website: eb.ref('excluded.website'), updated_at: eb.ref('excluded.updated_at'),
              })).where('portal_departments.source', '=', 'seed'),
            )
            .execute();
        }
        for (const batch of chunks(services.map((s) => serviceToRow(s, 'seed', now)))) {
          await trx
            .insertInto('portal_services')
            .values(batch)
            .onConflict((oc) =>
              oc.column('slug').doUpdateSet((eb) => {
                const keep = ['slug', 'source', 'updated_by'] as const;
                const cols = (Object.keys(batch[0]!) as (keyof ServiceRow)[]).filter((c) => !(keep as readonly string[]).includes(c));
                return Object.fromEntries(cols.map((c) => [c, eb.ref(`excluded.${c}`)]));
              }).where('portal_services.source', '=', 'seed'),
            )
            .execute();
        }
      });
    },
  };
}
