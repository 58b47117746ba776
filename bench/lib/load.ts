import type { Recorder } from './recorder.ts';

/**
 * Two ways to load a server. Closed loop: `concurrency` virtual users, each starting its next
 * iteration when the last one ends — finds the peak. Open loop: iterations start at a fixed
 * rate whatever the server does — the latency residents see at a given load (no coordinated
 * omission: a slow server does not slow the arrivals down).
 */
export type Iteration = (vu: number) => Promise<void>;
export type Window = { measuredMs: number; started: number; completed: number; failed: number; dropped: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function closedLoop(rec: Recorder, opts: { concurrency: number; warmupMs: number; durationMs: number; onMeasureStart?: () => void; onMeasureEnd?: () => void }, iteration: Iteration): Promise<Window> {
  let stop = false;
  let completed = 0;
  let failed = 0;
  const vu = async (i: number) => {
    while (!stop) {
      try {
        await iteration(i);
        if (rec.recording) completed++;
      } catch (err) {
        if (rec.recording) failed++;
        rec.fail(err);
        await sleep(20);
      }
    }
  };
  const running = Array.from({ length: opts.concurrency }, (_, i) => vu(i));
  await sleep(opts.warmupMs);
  opts.onMeasureStart?.();
  rec.recording = true;
  const t0 = performance.now();
  await sleep(opts.durationMs);
  rec.recording = false;
  opts.onMeasureEnd?.();
  const measuredMs = performance.now() - t0;
  stop = true;
  await Promise.all(running);
  rec.completed = completed;
  return { measuredMs, started: completed + failed, completed, failed, dropped: 0 };
}

export async function openLoop(rec: Recorder, opts: { rate: number; warmupMs: number; durationMs: number; maxInFlight: number; onMeasureStart?: () => void; onMeasureEnd?: () => void }, iteration: Iteration): Promise<Window> {
  let inFlight = 0;
  let completed = 0;
  let failed = 0;
  let started = 0;
  let dropped = 0;
  const pending = new Set<Promise<void>>();
  const begin = performance.now();
  const measureFrom = begin + opts.warmupMs;
  const end = measureFrom + opts.durationMs;
  const interval = 1000 / opts.rate;
  let measuring = false;
  let n = 0;
  for (;;) {
    const due = begin + n * interval;
    const now = performance.now();
    if (due >= end) break;
    if (due > now) await sleep(Math.max(0, due - now - 0.5));
    if (!measuring && performance.now() >= measureFrom) {
      opts.onMeasureStart?.();
      rec.recording = measuring = true;
    }
    n++;
    if (inFlight >= opts.maxInFlight) {
      if (measuring) dropped++;
      continue;
    }
    const counted = measuring;
    if (counted) started++;
    inFlight++;
    const p = iteration(n)
      .then(
        () => void (counted && completed++),
        (err: unknown) => {
          if (counted) failed++;
          rec.fail(err);
        },
      )
      .finally(() => {
        inFlight--;
        pending.delete(p);
      });
    pending.add(p);
  }
  const measuredMs = performance.now() - measureFrom;
  opts.onMeasureEnd?.();
  await Promise.all(pending);
  rec.recording = false;
  rec.completed = completed;
  return { measuredMs, started, completed, failed, dropped };
}
