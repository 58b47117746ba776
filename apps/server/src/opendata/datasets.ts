import { DAY, SUPPRESSED, bucketOf, dateOf, publish, publishGroup, type AnalyticsStore, type Published } from '../analytics/index.ts';
import { districts, type Text3 } from '../counter/places.ts';
import type { CounterStore } from '../counter/counters.ts';
import type { LedgerStore } from '../ledger/store.ts';
import type { ClientStore } from '../oidc/clients.ts';
import { createCatalogueStore } from '../portal/catalogue/store.ts';
import type { Db } from '../storage/db.ts';

/**
 * The open datasets: what the public may know about the platform, each a table with CSV and
 * JSON downloads (and GeoJSON where it has places). Metadata in the three languages lives here
 * as data; the CKAN API, the DCAT-AP catalogue, the /data page and the OGC collections all
 * read it from this one list. Every count goes through analytics/suppress.ts.
 */
export type Cell = string | number | boolean | null;
export type Table = { columns: string[]; rows: Array<Record<string, Cell>> };
export type Frequency = 'DAILY' | 'IRREGULAR' | 'MONTHLY' | 'CONT';
export type Group = 'government-services' | 'usage-statistics' | 'places' | 'transparency';

export type Dataset = {
  name: string;
  title: Text3;
  notes: Text3;
  group: Group;
  tags: string[];
  /** An EU frequency authority code (DCAT-AP), also shown in CKAN's `frequency` extra. */
  frequency: Frequency;
  spatial: boolean;
};

const t = (en: string, hant: string, hans: string): Text3 => ({ en, 'zh-Hant': hant, 'zh-Hans': hans });
const note = t(' Counts below 10 are shown as "suppressed".', '少於10的數字顯示為「suppressed」（已隱藏）。', '少于10的数字显示为「suppressed」（已隐藏）。');
const withNote = (x: Text3): Text3 => ({ en: x.en + note.en, 'zh-Hant': x['zh-Hant'] + note['zh-Hant'], 'zh-Hans': x['zh-Hans'] + note['zh-Hans'] });

export const datasets: Dataset[] = [
  { name: 'service-catalogue', group: 'government-services', frequency: 'DAILY', spatial: false, tags: ['services', 'catalogue'], title: t('Online government services', '網上政府服務', '网上政府服务'), notes: t('Every service in the portal: department, categories, how it is used (online here, online elsewhere, in person), fee and processing time, and whether it accepts the digital identity.', '入門網站的每項服務：部門、類別、使用方式（在此網上辦理、在其他網站辦理或親身辦理）、費用、處理時間，以及是否接受數碼身份。', '入门网站的每项服务：部门、类别、使用方式（在此网上办理、在其他网站办理或亲身办理）、费用、处理时间，以及是否接受数码身份。') },
  { name: 'departments', group: 'government-services', frequency: 'DAILY', spatial: false, tags: ['departments'], title: t('Government departments', '政府部門', '政府部门'), notes: t('The departments that offer services in the portal, with their enquiry phone and web site.', '在入門網站提供服務的部門，以及其查詢電話和網站。', '在入门网站提供服务的部门，以及其查询电话和网站。') },
  { name: 'registration-counters', group: 'places', frequency: 'IRREGULAR', spatial: true, tags: ['counters', 'geospatial', 'identity'], title: t('Registration counters and service centres', '登記櫃位及服務中心', '登记柜位及服务中心'), notes: t('Where to upgrade a digital identity in person or recover a lost wallet: location, district, opening hours (OpenStreetMap syntax) and services.', '親身提升數碼身份或恢復遺失錢包的地點：位置、地區、開放時間（OpenStreetMap 格式）及服務。', '亲身提升数码身份或恢复遗失钱包的地点：位置、地区、开放时间（OpenStreetMap 格式）及服务。') },
  { name: 'daily-usage-by-service', group: 'usage-statistics', frequency: 'DAILY', spatial: false, tags: ['usage', 'statistics', 'logins'], title: t('Daily use of the digital identity by service', '每日按服務劃分的數碼身份使用量', '每日按服务划分的数码身份使用量'), notes: withNote(t('Logins approved and declined and documents signed, per service and day (Hong Kong time), for the last 90 days.', '過去90日每項服務每日（香港時間）獲批准及被拒絕的登入次數，以及簽署文件數目。', '过去90日每项服务每日（香港时间）获批准及被拒绝的登入次数，以及签署文件数目。')) },
  { name: 'registrations-by-district', group: 'usage-statistics', frequency: 'DAILY', spatial: true, tags: ['registrations', 'statistics', 'geospatial'], title: t('In-person registrations by district', '按地區劃分的親身登記數目', '按地区划分的亲身登记数目'), notes: withNote(t('Digital identities upgraded in person at a counter, by the counter\'s district, since the platform began; with the district outlines (schematic) as GeoJSON.', '自平台啟用以來在櫃位親身提升的數碼身份數目，按櫃位所在地區劃分；另附地區輪廓（示意）GeoJSON。', '自平台启用以来在柜位亲身提升的数码身份数目，按柜位所在地区划分；另附地区轮廓（示意）GeoJSON。')) },
  { name: 'active-residents-monthly', group: 'usage-statistics', frequency: 'DAILY', spatial: false, tags: ['usage', 'statistics'], title: t('Active residents per month', '每月活躍居民人數', '每月活跃居民人数'), notes: withNote(t('How many different residents used their digital identity each month, estimated with a HyperLogLog sketch (about ±1 %).', '每月使用數碼身份的不同居民人數，以 HyperLogLog 估算（誤差約±1%）。', '每月使用数码身份的不同居民人数，以 HyperLogLog 估算（误差约±1%）。')) },
  { name: 'transparency-ledger-size', group: 'transparency', frequency: 'CONT', spatial: false, tags: ['ledger', 'transparency'], title: t('Size of the transparency ledger', '透明度分類帳的大小', '透明度分类账的大小'), notes: withNote(t('How many entries the public transparency ledger holds, from its latest signed checkpoint (/ledger/checkpoint).', '公開透明度分類帳最新簽署檢查點（/ledger/checkpoint）所載的記錄數目。', '公开透明度分类账最新签署检查点（/ledger/checkpoint）所载的记录数目。')) },
];

export const groups: Record<Group, Text3> = {
  'government-services': t('Government services', '政府服務', '政府服务'),
  'usage-statistics': t('Usage statistics', '使用統計', '使用统计'),
  places: t('Places', '地點', '地点'),
  transparency: t('Transparency', '透明度', '透明度'),
};

export type DatasetDeps = { db: Db; counters: CounterStore; analytics: AnalyticsStore; ledger: LedgerStore; clients: ClientStore; issuer: string };

/** A published count as a cell: the number, or the word "suppressed". */
export const shown = (v: Published): Cell => v ?? SUPPRESSED;
const columnOf = (rows: Array<Record<string, Cell>>, key: string, values: Published[]) => rows.forEach((r, i) => (r[key] = shown(values[i]!)));

export function createTables(deps: DatasetDeps) {
  const catalogue = createCatalogueStore(deps.db);
  const name3 = (x: Text3, prefix = 'name') => ({ [`${prefix}_en`]: x.en, [`${prefix}_zh_hant`]: x['zh-Hant'], [`${prefix}_zh_hans`]: x['zh-Hans'] });
  const tri = (x: readonly [string, string, string]): Text3 => ({ en: x[0], 'zh-Hant': x[1], 'zh-Hans': x[2] });
  const table = (rows: Array<Record<string, Cell>>, columns?: string[]): Table => ({ columns: columns ?? Object.keys(rows[0] ?? {}), rows });

  const build: Record<string, () => Promise<Table>> = {
    async 'service-catalogue'() {
      const services = await catalogue.listServices();
      return table(services.map((s) => ({ slug: s.slug, department: s.department, ...name3(tri(s.name)), categories: s.categories.join(';'), online: s.online, accepts_identity: s.identity, fee_hkd: s.fee, processing_days: s.days, url: `${deps.issuer}/services/${s.slug}` })));
    },
    async departments() {
      const list = await catalogue.listDepartments();
      return table(list.map((d) => ({ slug: d.slug, ...name3(tri(d.name)), phone: d.phone, website: d.website })));
    },
    async 'registration-counters'() {
      const places = await deps.counters.list();
      return table(places.map((p) => ({ id: p.id, kind: p.kind, district: p.district, ...name3(p.name), ...name3(p.address, 'address'), lat: p.lat, lon: p.lon, opening_hours: p.openingHours, services: p.services.join(';'), phone: p.phone })));
    },
    async 'daily-usage-by-service'() {
      const to = bucketOf('day', Date.now());
      const from = to - 90 * DAY;
      const metrics = ['logins.approved', 'logins.declined', 'signatures'] as const;
      const cells = new Map<string, Record<string, number>>();
      for (const m of metrics) {
        for (const r of await deps.analytics.daily(m, from, to)) {
          const key = `${r.bucket}\u0000${r.dim}`;
          cells.set(key, { ...(cells.get(key) ?? {}), [m]: r.value });
        }
      }
      const keys = [...cells.keys()].sort();
      const rows: Array<Record<string, Cell>> = [];
      for (const key of keys) {
        const [bucket, service] = key.split('\u0000') as [string, string];
        rows.push({ date: dateOf(Number(bucket)), service, service_name: (await deps.clients.info(service))?.name ?? service });
      }
      for (const m of metrics) columnOf(rows, m.replace('.', '_'), publishGroup(keys.map((k) => cells.get(k)![m] ?? 0)));
      return table(rows, ['date', 'service', 'service_name', 'logins_approved', 'logins_declined', 'signatures']);
    },
    async 'registrations-by-district'() {
      return table(await districtCounts());
    },
    async 'active-residents-monthly'() {
      const months = await deps.analytics.active('month', 0, Date.now());
      return table(months.map((m) => ({ month: dateOf(m.bucket).slice(0, 7), active_residents: shown(publish(m.value)) })), ['month', 'active_residents']);
    },
    async 'transparency-ledger-size'() {
      const latest = await deps.ledger.latest();
      return table([{ entries: shown(publish(latest?.size ?? 0)), checkpoint_at: latest ? new Date(latest.createdAt).toISOString() : null }]);
    },
  };

  /** The 18 districts with their counters and in-person registrations (suppressed as one table). */
  async function districtCounts(): Promise<Array<Record<string, Cell>>> {
    const byDim = new Map((await deps.analytics.byDim('registrations.counter', 0, Date.now() + DAY)).map((r) => [r.dim, r.value]));
    const places = await deps.counters.list();
    const registrations = publishGroup(districts.map((d) => byDim.get(d.id) ?? 0));
    return districts.map((d, i) => ({ district: d.id, ...name3(d.name), counters: places.filter((p) => p.district === d.id).length, counter_registrations: shown(registrations[i]!) }));
  }

  return {
    table: (name: string): Promise<Table> => build[name]!(),
    districtCounts,
  };
}

export type Tables = ReturnType<typeof createTables>;

export const findDataset = (name: string): Dataset | undefined => datasets.find((d) => d.name === name);
