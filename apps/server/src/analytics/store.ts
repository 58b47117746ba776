import type { Db } from '../storage/db.ts';
import { bucketOf, nextBucket } from './buckets.ts';
import { emptySketch, estimate, mergeInto, sketchOf } from './hll.ts';
import type { MetricName } from './metrics.ts';

/**
 * Reading the rollups: raw sums, for the callers that publish them (through suppress.ts)
 * — the operator's charts and the open datasets. Buckets with nothing in them are filled
 * with zeros, so a series has one point per hour or day of the range.
 */
export type Point = { bucket: number; value: number };

export function createAnalyticsStore(db: Db) {
  return {
    /** One metric over [from, to), per bucket; `dims` narrows it to some dimensions (services). */
    async series(metric: MetricName, grain: 'hour' | 'day', from: number, to: number, dims?: readonly string[]): Promise<Point[]> {
      let q = db
        .selectFrom('analytics_counts')
        .select((eb) => ['bucket', eb.fn.sum<number>('value').as('value')])
        .where('grain', '=', grain)
        .where('metric', '=', metric)
        .where('bucket', '>=', from)
        .where('bucket', '<', to);
      if (dims) q = q.where('dim', 'in', dims.length ? [...dims] : ['\u0000']);
      const rows = await q.groupBy('bucket').execute();
      const got = new Map(rows.map((r) => [Number(r.bucket), Number(r.value)]));
      const out: Point[] = [];
      for (let b = bucketOf(grain, from); b < to; b = nextBucket(grain, b)) out.push({ bucket: b, value: got.get(b) ?? 0 });
      return out;
    },

    /** One metric over [from, to), per dimension (a service, a field, a district), largest first. */
    async byDim(metric: MetricName, from: number, to: number): Promise<Array<{ dim: string; value: number }>> {
      const rows = await db
        .selectFrom('analytics_counts')
        .select((eb) => ['dim', eb.fn.sum<number>('value').as('value')])
        .where('grain', '=', 'day')
        .where('metric', '=', metric)
        .where('bucket', '>=', from)
        .where('bucket', '<', to)
        .groupBy('dim')
        .execute();
      return rows.map((r) => ({ dim: r.dim, value: Number(r.value) })).sort((a, b) => b.value - a.value || a.dim.localeCompare(b.dim));
    },

    /** Per day and service: the rows of the daily usage dataset. */
    async daily(metric: MetricName, from: number, to: number): Promise<Array<{ bucket: number; dim: string; value: number }>> {
      const rows = await db.selectFrom('analytics_counts').select(['bucket', 'dim', 'value']).where('grain', '=', 'day').where('metric', '=', metric).where('bucket', '>=', from).where('bucket', '<', to).orderBy('bucket').orderBy('dim').execute();
      return rows.map((r) => ({ bucket: Number(r.bucket), dim: r.dim, value: Number(r.value) }));
    },

    /** Distinct active residents (estimated) per day or month of [from, to). */
    async active(grain: 'day' | 'month', from: number, to: number): Promise<Point[]> {
      const rows = await db.selectFrom('analytics_sketches').select(['bucket', 'registers']).where('grain', '=', grain).where('bucket', '>=', bucketOf(grain, from)).where('bucket', '<', to).orderBy('bucket').execute();
      const got = new Map(rows.map((r) => [Number(r.bucket), estimate(sketchOf(r.registers))]));
      if (grain === 'month') return [...got].map(([bucket, value]) => ({ bucket, value }));
      const out: Point[] = [];
      for (let b = bucketOf('day', from); b < to; b = nextBucket('day', b)) out.push({ bucket: b, value: got.get(b) ?? 0 });
      return out;
    },

    /** Distinct active residents over the whole range (the days' sketches merged). */
    async activeOver(from: number, to: number): Promise<number> {
      const rows = await db.selectFrom('analytics_sketches').select('registers').where('grain', '=', 'day').where('bucket', '>=', from).where('bucket', '<', to).execute();
      const all = emptySketch();
      for (const r of rows) mergeInto(all, sketchOf(r.registers));
      return estimate(all);
    },

    /** Every dimension a metric has ever had (the service filter's choices). */
    async dims(metric: MetricName): Promise<string[]> {
      return (await db.selectFrom('analytics_counts').select('dim').distinct().where('grain', '=', 'day').where('metric', '=', metric).orderBy('dim').execute()).map((r) => r.dim);
    },
  };
}

export type AnalyticsStore = ReturnType<typeof createAnalyticsStore>;
