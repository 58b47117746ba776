/**
 * `node bench/ledger-login.ts [--rounds R] [--seconds S]`: what the transparency ledger costs a
 * login. Two Yat deployments on SQLite — LEDGER=true and LEDGER=false — side by side, the
 * benchmark's complete login flow (bench/lib) driven against each in alternating windows, so
 * both see the same machine load. Reports logins/s and logins per server CPU-second (the
 * figure that survives a busy machine). Results: docs/ledger.md.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dropEnv, registerClient, registerWallets, seed, startYat, stopDeployment, yatEnv, type Deployment, type YatSetup } from './lib/deployments.ts';
import { createRpKey } from './lib/rp.ts';
import { startSmsSink } from './lib/sms-sink.ts';
import { loginPeak } from './lib/suites.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, seconds: { type: 'string', default: '8' }, concurrency: { type: 'string', default: '8' } } });
const rounds = Number(values.rounds);
const timing = { warmupMs: 1000, loginMs: Number(values.seconds) * 1000, shortMs: 1000, concurrency: Number(values.concurrency) };

const sms = await startSmsSink();
const key = createRpKey();
const deployments: { ledger: boolean; d: Deployment; env: Awaited<ReturnType<typeof yatEnv>> }[] = [];
try {
  for (const ledger of [true, false]) {
    const setup: YatSetup = { label: `ledger-${ledger ? 'on' : 'off'}`, database: 'sqlite', postgresUrl: 'postgres://unused@127.0.0.1/unused', redisUrl: undefined, sms, key, logDir: path.join(os.tmpdir(), 'yat-bench-logs'), connections: 32 };
    const env = await yatEnv(setup);
    env.env.LEDGER = String(ledger);
    await seed(env, 0, 2000);
    const d = await startYat(setup, env, await registerClient(env, key), 1);
    await registerWallets(d, sms, timing.concurrency, 2000, 8);
    deployments.push({ ledger, d, env });
  }
  const totals = new Map<boolean, { ops: number; seconds: number; cpu: number }>([[true, { ops: 0, seconds: 0, cpu: 0 }], [false, { ops: 0, seconds: 0, cpu: 0 }]]);
  for (let r = 0; r < rounds; r++) {
    for (const { ledger, d } of r % 2 ? [...deployments].reverse() : deployments) {
      const res = await loginPeak(d, { system: 'yat', database: 'sqlite', residents: 2000, processes: 1 }, timing);
      const t = totals.get(ledger)!;
      t.ops += res.ops;
      t.seconds += res.seconds;
      t.cpu += res.serverCpuSec;
      process.stderr.write(`round ${r + 1} ledger=${ledger}: ${res.ops} logins in ${res.seconds} s, server CPU ${res.serverCpuSec} s, failed ${res.failed}\n`);
    }
  }
  const summary = [...totals].map(([ledger, t]) => ({ ledger, logins: t.ops, perSecond: Math.round((t.ops / t.seconds) * 10) / 10, perServerCpuSecond: Math.round((t.ops / t.cpu) * 10) / 10 }));
  const on = summary.find((s) => s.ledger)!;
  const off = summary.find((s) => !s.ledger)!;
  process.stdout.write(`${JSON.stringify({ date: new Date().toISOString(), loadavg: os.loadavg(), rounds, secondsPerWindow: Number(values.seconds), concurrency: timing.concurrency, summary, costPerLoginCpu: `${Math.round((1 - on.perServerCpuSecond / off.perServerCpuSecond) * 1000) / 10}%`, costThroughput: `${Math.round((1 - on.perSecond / off.perSecond) * 1000) / 10}%` }, null, 2)}\n`);
} finally {
  for (const { d, env } of deployments) {
    await stopDeployment(d);
    await dropEnv(env, '');
  }
  await sms.close();
}
