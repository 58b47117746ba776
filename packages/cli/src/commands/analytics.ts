import cliProgress from 'cli-progress';
import { createAnalytics } from '@yat/server/analytics/index.ts';
import { CliError, parse, printJson, withContext, type Command } from '../cli.ts';

const help = `Usage: yat analytics rollup [--batch N]

rollup: counts the audit events not yet counted into the hourly and daily analytics
(docs/opendata.md), from where the last run stopped; safe to stop and run again, and to
run beside the servers (one runner at a time: if another holds the lock this one says so
and exits). Progress on stderr; on stdout {"ran", "events", "batches", "seconds", "perSecond"}.`;

export const command: Command = async (args) => {
  const [sub, ...rest] = args;
  if (sub !== 'rollup') {
    if (sub === '--help' || sub === '-h') return void process.stdout.write(`${help}\n`);
    throw new CliError(`Unknown sub-command "${sub ?? ''}".\n\n${help}`);
  }
  const { values: v } = parse(rest, { batch: { type: 'string' } }, help);
  const batchSize = v.batch === undefined ? 5000 : Number(v.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) throw new CliError('--batch must be a whole number from 1 to 100000');
  await withContext(async (ctx) => {
    const { rollup } = createAnalytics(undefined, { ctx: { ...ctx, config: { ...ctx.config, analytics: { ...ctx.config.analytics, intervalMs: 0 } } } });
    const bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'rolling up [{bar}] {percentage}% | {value}/{total} events | ETA {eta_formatted}', etaBuffer: 20 }, cliProgress.Presets.shades_classic);
    let started = false;
    try {
      const r = await rollup.run({
        batchSize,
        lagMs: ctx.config.analytics.lagMs,
        onProgress: (p) => {
          if (!started) bar.start(p.events + p.pending, 0);
          started = true;
          bar.update(p.events);
        },
      });
      bar.stop();
      if (!r.ran) process.stderr.write('Another rollup is running (a server or another command); it will count the events.\n');
      const seconds = r.ms / 1000;
      printJson({ ran: r.ran, events: r.events, batches: r.batches, seconds, perSecond: seconds > 0 ? Math.round(r.events / seconds) : r.events });
    } finally {
      bar.stop();
    }
  });
};
