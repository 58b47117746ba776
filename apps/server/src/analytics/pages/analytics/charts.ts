import { toCsv } from '../../../http/csv.ts';
import type { T } from '../../../i18n/index.ts';
import { dateOf } from '../../buckets.ts';
import type { MetricName } from '../../metrics.ts';
import type { AnalyticsStore, Point } from '../../store.ts';
import { publish, publishGroup, publishedText, type Published } from '../../suppress.ts';

/**
 * The operator's charts as tables: each chart is drawn from the table beside it (which screen
 * readers read, and the CSV download repeats). Each series is suppressed as one group, as
 * the open datasets are.
 */
export type ChartTable = { id: ChartId; title: string; kind: 'time' | 'bars'; series: Array<{ key: string; label: string }>; rows: Array<{ key: number | string; label: string; values: Published[] }> };
export const chartIds = ['logins', 'registrations', 'active', 'signatures', 'fields'] as const;
export type ChartId = (typeof chartIds)[number];
export type Range = { from: number; to: number; service: string | undefined };

const column = (points: Point[]) => publishGroup(points.map((p) => p.value));

function timeChart(id: ChartId, t: T, series: Array<{ key: string; label: string; values: Published[] }>, points: Point[]): ChartTable {
  return {
    id,
    title: t(`analytics.chart.${id}`),
    kind: 'time',
    series: series.map(({ key, label }) => ({ key, label })),
    rows: points.map((p, i) => ({ key: p.bucket, label: dateOf(p.bucket), values: series.map((s) => s.values[i]!) })),
  };
}

export async function buildChart(store: AnalyticsStore, t: T, id: ChartId, r: Range): Promise<ChartTable> {
  const dims = r.service ? [r.service] : undefined;
  const series = (metric: MetricName, d = dims) => store.series(metric, 'day', r.from, r.to, d);
  if (id === 'logins') {
    const [a, d] = await Promise.all([series('logins.approved'), series('logins.declined')]);
    return timeChart(id, t, [{ key: 'approved', label: t('analytics.series.approved'), values: column(a) }, { key: 'declined', label: t('analytics.series.declined'), values: column(d) }], a);
  }
  if (id === 'registrations') {
    const [s, c] = await Promise.all([series('registrations.self', undefined), series('registrations.counter', undefined)]);
    return timeChart(id, t, [{ key: 'self', label: t('analytics.series.self'), values: column(s) }, { key: 'counter', label: t('analytics.series.counter'), values: column(c) }], s);
  }
  if (id === 'active') {
    const a = await store.active('day', r.from, r.to);
    return timeChart(id, t, [{ key: 'residents', label: t('analytics.series.residents'), values: a.map((p) => publish(p.value)) }], a);
  }
  if (id === 'signatures') {
    const s = await series('signatures');
    return timeChart(id, t, [{ key: 'signed', label: t('analytics.series.signed'), values: column(s) }], s);
  }
  const fields = await store.byDim('data.released', r.from, r.to);
  const values = publishGroup(fields.map((f) => f.value));
  return { id, title: t('analytics.chart.fields'), kind: 'bars', series: [{ key: 'count', label: t('analytics.series.count') }], rows: fields.map((f, i) => ({ key: f.dim, label: f.dim, values: [values[i]!] })) };
}

export const chartCsv = (c: ChartTable): string =>
  toCsv([c.kind === 'time' ? 'date' : 'field', ...c.series.map((s) => s.key)], c.rows.map((r) => [r.label, ...r.values.map(publishedText)]));
