import { Pool } from 'undici';
import { judge, sampleRequests, type LiveValues, type Route } from './requests.ts';

/**
 * Sends generated bad requests to a server and judges every answer. Requests go in batches of
 * `batch`, each batch generated from its own seed, so any failure is reproducible from
 * (seed, index) and memory stays flat on the generator's side too.
 */
export type FuzzOptions = { origin: string; routes: Route[]; live: LiveValues; count: number; seed: number; concurrency?: number; batch?: number; onBatch?: (done: number, stats: FuzzStats) => void | Promise<void> };
export type FuzzFailure = { seed: number; index: number; method: string; path: string; status: number; why: string };
export type FuzzStats = { sent: number; byStatus: Record<string, number>; failures: FuzzFailure[]; transportErrors: number; seconds: number };

export async function runFuzz(o: FuzzOptions): Promise<FuzzStats> {
  const pool = new Pool(o.origin, { connections: o.concurrency ?? 8, pipelining: 1, headersTimeout: 60_000, bodyTimeout: 60_000 });
  const stats: FuzzStats = { sent: 0, byStatus: {}, failures: [], transportErrors: 0, seconds: 0 };
  const batch = o.batch ?? 1000;
  const started = Date.now();
  try {
    for (let b = 0; stats.sent < o.count; b++) {
      const seed = o.seed + b;
      const requests = sampleRequests(o.routes, o.live, Math.min(batch, o.count - stats.sent), seed);
      let next = 0;
      const worker = async () => {
        while (next < requests.length) {
          const index = next++;
          const r = requests[index]!;
          try {
            const res = await pool.request({ method: r.method as 'GET', path: r.path, headers: r.headers, body: r.body });
            const text = await res.body.text();
            stats.byStatus[res.statusCode] = (stats.byStatus[res.statusCode] ?? 0) + 1;
            const verdict = judge(res.statusCode, text);
            if (!verdict.ok && stats.failures.length < 200) stats.failures.push({ seed, index, method: r.method, path: r.path.slice(0, 300), status: res.statusCode, why: verdict.why! });
          } catch {
            // The client refused to send it (an invalid header), or the server closed the
            // connection on a request Node's HTTP parser rejects: not an answer to judge, but counted.
            stats.transportErrors++;
          }
          stats.sent++;
        }
      };
      await Promise.all(Array.from({ length: o.concurrency ?? 8 }, worker));
      stats.seconds = (Date.now() - started) / 1000;
      await o.onBatch?.(stats.sent, stats);
    }
  } finally {
    await pool.close();
  }
  return stats;
}
