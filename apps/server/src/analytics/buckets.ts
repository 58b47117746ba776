/**
 * Time buckets in Hong Kong time (UTC+8 all year: no daylight saving since 1979), so a "day"
 * is the residents' day, not the server's. A bucket is named by its start, in epoch ms.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OFFSET = 8 * HOUR;

export type Grain = 'hour' | 'day' | 'month';

export function bucketOf(grain: Grain, at: number): number {
  if (grain === 'hour') return Math.floor(at / HOUR) * HOUR;
  if (grain === 'day') return Math.floor((at + OFFSET) / DAY) * DAY - OFFSET;
  const local = new Date(at + OFFSET);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - OFFSET;
}

/** `YYYY-MM-DD` (a Hong Kong date) → the start of that day; undefined when it is not a date. */
export function dayStart(date: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date ? undefined : ms - OFFSET;
}

/** The Hong Kong date (`YYYY-MM-DD`) of an instant. */
export const dateOf = (at: number): string => new Date(at + OFFSET).toISOString().slice(0, 10);

export const nextBucket = (grain: 'hour' | 'day', bucket: number): number => bucket + (grain === 'hour' ? HOUR : DAY);

export { DAY, HOUR };
