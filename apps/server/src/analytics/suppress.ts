/**
 * Small counts are never published: a figure below 10 is shown as "suppressed", in every
 * open dataset, map and chart (staff charts too: what is on a screen travels). So that no
 * suppressed figure can be recovered by subtraction from a total published elsewhere (a sum
 * over days, a city-wide figure), each table is suppressed as a group: when only one of its
 * cells falls below 10, the next smallest is suppressed with it (complementary suppression),
 * and no table publishes its own total. A total can then give away only the sum of two or more
 * suppressed cells, never one of them.
 */
export const MIN_PUBLISHED = 10;

/** A published count: a number of at least 10, or null for "suppressed". */
export type Published = number | null;

export const publish = (n: number): Published => (n >= MIN_PUBLISHED ? n : null);

export function publishGroup(values: readonly number[]): Published[] {
  const out: Published[] = values.map(publish);
  const hidden = out.filter((v) => v === null).length;
  if (hidden === 1 && values.length > 1) {
    let smallest = -1;
    values.forEach((v, i) => {
      if (out[i] !== null && (smallest < 0 || v < values[smallest]!)) smallest = i;
    });
    if (smallest >= 0) out[smallest] = null;
  }
  return out;
}

/** How a suppressed figure is written in CSV and JSON downloads. */
export const SUPPRESSED = 'suppressed';
export const publishedText = (v: Published): string => (v === null ? SUPPRESSED : String(v));
