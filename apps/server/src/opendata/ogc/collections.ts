import type { Text3 } from '../../counter/places.ts';
import type { CounterStore } from '../../counter/counters.ts';
import type { Cell, Tables } from '../datasets.ts';
import { districtShapes, type Feature, type Geometry } from '../formats.ts';

/**
 * The feature collections: registration counters (counters and mobile counters), service
 * centres, and the 18 districts (schematic outlines) with their counters and in-person
 * registrations (suppressed below 10, as every published count).
 */
export type Collection = { id: string; title: Text3; description: Text3; features(): Promise<Feature[]> };

const t = (en: string, hant: string, hans: string): Text3 => ({ en, 'zh-Hant': hant, 'zh-Hans': hans });

export function bboxOf(g: Geometry): [number, number, number, number] {
  const pts: number[][] = g.type === 'Point' ? [g.coordinates] : g.coordinates.flat(2);
  return [Math.min(...pts.map((p) => p[0]!)), Math.min(...pts.map((p) => p[1]!)), Math.max(...pts.map((p) => p[0]!)), Math.max(...pts.map((p) => p[1]!))];
}

export function createCollections(deps: { counters: CounterStore; tables: Tables }): Collection[] {
  const places = async (kinds: string[]): Promise<Feature[]> =>
    (await deps.counters.list())
      .filter((p) => kinds.includes(p.kind))
      .map((p) => ({
        type: 'Feature',
        id: p.id,
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
        properties: { kind: p.kind, district: p.district, name_en: p.name.en, name_zh_hant: p.name['zh-Hant'], name_zh_hans: p.name['zh-Hans'], address_en: p.address.en, address_zh_hant: p.address['zh-Hant'], address_zh_hans: p.address['zh-Hans'], opening_hours: p.openingHours, services: p.services.join(';'), phone: p.phone } satisfies Record<string, Cell>,
      }));
  return [
    { id: 'counters', title: t('Registration counters', '登記櫃位', '登记柜位'), description: t('Counters (and mobile counters) where a resident upgrades or recovers a digital identity in person.', '居民親身提升或恢復數碼身份的櫃位（包括流動櫃位）。', '居民亲身提升或恢复数码身份的柜位（包括流动柜位）。'), features: () => places(['counter', 'mobile']) },
    { id: 'service-centres', title: t('Service centres', '服務中心', '服务中心'), description: t('Identity service centres, district offices and library service points.', '身份服務中心、民政事務處及圖書館服務點。', '身份服务中心、民政事务处及图书馆服务点。'), features: () => places(['service_centre']) },
    {
      id: 'districts',
      title: t('Districts', '地區', '地区'),
      description: t('The 18 districts (schematic outlines) with their counters and in-person registrations; counts below 10 are "suppressed".', '18區（示意輪廓）及其櫃位和親身登記數目；少於10的數字顯示為「suppressed」。', '18区（示意轮廓）及其柜位和亲身登记数目；少于10的数字显示为「suppressed」。'),
      features: async () => (await deps.tables.districtCounts()).map((row) => ({ type: 'Feature', id: String(row.district), geometry: districtShapes.get(String(row.district))!, properties: row })),
    },
  ];
}
