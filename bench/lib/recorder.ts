/**
 * Latencies per step (ms, client-side), counted only while `recording` is on (after the
 * warm-up). Percentiles are computed from all samples: a scenario produces at most a few
 * hundred thousand, cheap to sort once.
 */
export type Recorder = {
  recording: boolean;
  samples: Map<string, number[]>;
  errors: Map<string, number>;
  completed: number;
  record(step: string, ms: number): void;
  fail(err: unknown): void;
};

export function createRecorder(): Recorder {
  const r: Recorder = {
    recording: false,
    samples: new Map(),
    errors: new Map(),
    completed: 0,
    record(step, ms) {
      if (!r.recording) return;
      let list = r.samples.get(step);
      if (!list) r.samples.set(step, (list = []));
      list.push(ms);
    },
    fail(err) {
      if (!r.recording) return;
      const msg = (err instanceof Error ? err.message : String(err)).slice(0, 160);
      r.errors.set(msg, (r.errors.get(msg) ?? 0) + 1);
    },
  };
  return r;
}

/** Times one step; adds its duration to the flow's server-side total when given. */
export async function timed<T>(rec: Recorder, step: string, fn: () => Promise<T>, acc?: { serverMs: number }): Promise<T> {
  const t0 = performance.now();
  const v = await fn();
  const ms = performance.now() - t0;
  rec.record(step, ms);
  if (acc) acc.serverMs += ms;
  return v;
}

export type Stats = { count: number; mean: number; p50: number; p90: number; p99: number; max: number };

export function stats(values: number[]): Stats {
  if (!values.length) return { count: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
  const s = Float64Array.from(values).sort();
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  const round = (v: number) => Math.round(v * 100) / 100;
  return { count: s.length, mean: round(values.reduce((a, b) => a + b, 0) / s.length), p50: round(at(0.5)), p90: round(at(0.9)), p99: round(at(0.99)), max: round(s[s.length - 1]!) };
}
