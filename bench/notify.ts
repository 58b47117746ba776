import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createApp } from '@yat/server/app.ts';
import { loadConfig } from '@yat/server/config.ts';
import { openContext } from '@yat/server/context.ts';
import { createLogger } from '@yat/server/logger.ts';
import { drain, fanoutDeps } from '@yat/server/notify/index.ts';
import { registeredWallet } from '../apps/server/test/support/login.ts';
import { freePort } from '../apps/server/test/support/platform.ts';
import { notifyingService } from '../apps/server/test/notify/support.ts';
import { stats } from './lib/recorder.ts';
import type { ScenarioResult } from './lib/scenario.ts';

/**
 * Notifications (part of `npm run bench`; alone: `npm run bench -- --only notify`): notifications accepted per second (the
 * service API over HTTP, one service, closed loop) and topic fan-out per second (deliveries
 * inserted by the durable queue for 100,000 followers), on SQLite in one process. The load
 * generator runs in the same process, so "per core" here is an upper bound on cost (its CPU
 * is counted with the server's).
 */
export async function notifyBench(outDir: string, note: (m: string) => void, opts: { sends: number; followers: number; concurrency: number }): Promise<ScenarioResult[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yat-bench-notify-'));
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: String(port), ISSUER: issuer, LEDGER: 'true', NOTIFY_DAILY_QUOTA: '10000000', NOTIFY_RATE_PER_MINUTE: '10000000', RATE_LIMIT_ALLOWLIST: '127.0.0.1' });
  const ctx = await openContext({ config, logger: createLogger({ logLevel: 'silent', env: 'test' }) });
  const app = await createApp(ctx);
  const { demoResidents } = await import('@yat/server/identity/synthetic-registry.ts');
  for (const r of demoResidents) await app.registry.add(r);
  await app.server.listen({ port, host: '127.0.0.1' });
  const p = { issuer, ctx, app, close: async () => undefined };
  try {
    const wallet = await registeredWallet(p);
    const svc = await notifyingService(p, wallet, { name: 'Bench service', redirectUri: 'https://bench.example.gov/callback', notifications: true });
    note(`  notify: ${opts.sends} sends, concurrency ${opts.concurrency}`);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let next = 0;
    let failed = 0;
    const latencies: number[] = [];
    await Promise.all(
      Array.from({ length: opts.concurrency }, async () => {
        while (next < opts.sends) {
          next++;
          const began = performance.now();
          const r = await svc.call('POST', '/api/notifications', { sub: svc.sub, category: 'status', title: { en: 'Bench' }, body: { en: 'Bench message' } });
          latencies.push(performance.now() - began);
          if (r.status !== 201) failed++;
        }
      }),
    );
    await app.notify.notifications.idle();
    const sendSeconds = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(cpu0);
    const sendCpu = (c.user + c.system) / 1e6;

    note(`  notify: fan-out to ${opts.followers} followers`);
    const db = ctx.storage.db;
    await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${opts.followers}) insert into residents (id, registry_ref, profile_enc, assurance, status, created_at) select 'bench-' || (1000000 + i), 'bench-ref-' || (1000000 + i), 'x', 'standard', 'active', 0 from n`.execute(db);
    await sql`insert into notify_topic_followers (topic_id, resident_id, created_at) select 'typhoon-rainstorm', id, 0 from residents where id like 'bench-%'`.execute(db);
    const pub = await app.notify.topics.publish('typhoon-rainstorm', { category: 'security', title: { en: 'Signal No. 8' }, body: { en: 'Stay indoors.' } }, { kind: 'operator', name: 'bench' });
    const f0 = performance.now();
    const fcpu0 = process.cpuUsage();
    await drain(fanoutDeps(ctx));
    const fanSeconds = (performance.now() - f0) / 1000;
    const fc = process.cpuUsage(fcpu0);
    const report = await app.notify.topics.report(pub.id);
    const result = {
      database: 'sqlite',
      sends: opts.sends,
      failed,
      acceptedPerSec: Math.round(opts.sends / sendSeconds),
      acceptedPerCpuSecond: Math.round(opts.sends / sendCpu),
      fanout: { followers: opts.followers, delivered: report.delivered, seconds: Math.round(fanSeconds * 100) / 100, perSec: Math.round(report.delivered / fanSeconds), perCpuSecond: Math.round(report.delivered / ((fc.user + fc.system) / 1e6)) },
    };
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, 'notify.json'), `${JSON.stringify(result, null, 2)}\n`);
    note(`  notify: ${JSON.stringify(result)}`);
    const rss = { yat: Math.round(process.memoryUsage().rss / 2 ** 20) };
    // In one process with its generator: the CPU is the process's, so "per core" is a lower bound of the server's own.
    const scenario = (kind: 'notify_send' | 'notify_fanout', ops: number, seconds: number, cpu: number, concurrency: number | string, steps: ScenarioResult['steps']): ScenarioResult => ({
      id: `notify-sqlite.${kind === 'notify_send' ? 'send' : 'fanout'}`,
      system: 'yat',
      kind,
      database: 'sqlite',
      residents: kind === 'notify_fanout' ? opts.followers : 1,
      processes: 1,
      concurrency,
      ops,
      failed: kind === 'notify_send' ? failed : opts.followers - ops,
      dropped: 0,
      seconds: Math.round(seconds * 100) / 100,
      opsPerSec: Math.round(ops / seconds),
      serverCpuSec: Math.round(cpu * 100) / 100,
      opsPerServerCore: Math.round(ops / cpu),
      serverCores: Math.round((cpu / seconds) * 100) / 100,
      generatorCpuSec: 0,
      steps,
      errors: {},
      peakRssMb: rss,
    });
    return [
      scenario('notify_send', opts.sends, sendSeconds, sendCpu, opts.concurrency, { notify_send: stats(latencies) }),
      scenario('notify_fanout', report.delivered, fanSeconds, (fc.user + fc.system) / 1e6, 'queue', {}),
    ];
  } finally {
    await app.close();
    await ctx.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
