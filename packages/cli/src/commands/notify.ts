import cliProgress from 'cli-progress';
import { createApp, type App } from '@yat/server/app.ts';
import { AppError } from '@yat/server/errors.ts';
import { categories, type Category } from '@yat/server/notify/content.ts';
import { drain, fanoutDeps } from '@yat/server/notify/index.ts';
import { CliError, parse, printJson, required, withContext, type Command } from '../cli.ts';

const help = `Usage:
  yat notify topic list
  yat notify topic publish --topic ID --title-en TEXT --body-en TEXT [--title-zh-hant T --body-zh-hant T]
                           [--title-zh-hans T --body-zh-hans T] [--category action_needed|status|reminder|security]
                           [--link URL] [--expires-in SECONDS] [--operator NAME] [--wait]
  yat notify topic report PUBLICATION_ID
  yat notify worker [--until-idle]

topic publish  queues an alert to every follower of the topic; prints {"id", "total"}. With --wait
               the fan-out runs here with a progress bar and the delivery report is printed.
topic report   how far a publication's fan-out got: delivered, pushed, read.
worker         runs the topic fan-out (every server instance runs one too); --until-idle stops
               when the queue is empty.`;

const options = {
  topic: { type: 'string' },
  'title-en': { type: 'string' },
  'body-en': { type: 'string' },
  'title-zh-hant': { type: 'string' },
  'body-zh-hant': { type: 'string' },
  'title-zh-hans': { type: 'string' },
  'body-zh-hans': { type: 'string' },
  category: { type: 'string' },
  link: { type: 'string' },
  'expires-in': { type: 'string' },
  operator: { type: 'string' },
  wait: { type: 'boolean' },
  'until-idle': { type: 'boolean' },
} as const;

const texts = (en?: string, hant?: string, hans?: string) => Object.fromEntries(Object.entries({ en, 'zh-Hant': hant, 'zh-Hans': hans }).filter(([, v]) => v));

export const command: Command = async (args) => {
  const { values: v, positionals } = parse(args, options, help);
  const [area, action, id] = positionals;
  if (area === 'worker') return worker(v['until-idle'] ?? false);
  if (area !== 'topic' || !['list', 'publish', 'report'].includes(action ?? '')) throw new CliError(help);
  await withContext(async (ctx) => {
    // The app runs the fan-out worker in this process too (beside any servers): --wait watches the report.
    const app = await createApp(ctx);
    try {
      const topics = app.notify.topics;
      if (action === 'list') return printJson(await topics.list());
      if (action === 'report') return printJson(await topics.report(required(id, 'publication id')));
      const category = (v.category ?? 'status') as Category;
      if (!categories.includes(category)) throw new CliError(`--category must be one of ${categories.join(', ')}`);
      const expiresIn = v['expires-in'] === undefined ? undefined : Number(v['expires-in']);
      if (expiresIn !== undefined && !(Number.isInteger(expiresIn) && expiresIn >= 60)) throw new CliError('--expires-in must be a whole number of seconds, at least 60');
      const published = await topics.publish(
        required(v.topic, 'topic'),
        { category, title: texts(v['title-en'], v['title-zh-hant'], v['title-zh-hans']), body: texts(v['body-en'], v['body-zh-hant'], v['body-zh-hans']), ...(v.link ? { link: v.link } : {}), ...(expiresIn ? { expiresIn } : {}) },
        { kind: 'operator', name: v.operator ?? process.env.USER ?? 'operator' },
      );
      if (!v.wait) return printJson(published);
      printJson(await watch(topics, published.id, published.total));
    } catch (err) {
      if (err instanceof AppError) throw new CliError(err.message);
      throw err;
    } finally {
      await app.close();
    }
  });
};

async function watch(topics: App['notify']['topics'], id: string, total: number) {
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'fan-out [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}' }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  try {
    for (let r = await topics.report(id); ; r = await topics.report(id)) {
      bar.update(r.delivered);
      if (r.status === 'done') return r;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    bar.stop();
  }
}

async function worker(untilIdle: boolean): Promise<void> {
  await withContext(async (ctx) => {
    const deps = fanoutDeps(ctx);
    const stop = new AbortController();
    process.once('SIGTERM', () => stop.abort());
    process.once('SIGINT', () => stop.abort());
    let inserted = 0;
    do {
      inserted += await drain(deps, { signal: stop.signal, onProgress: (s) => process.stderr.write(`${s.publication}: +${s.inserted}${s.done ? ' (done)' : ''}\n`) });
      if (!untilIdle && !stop.signal.aborted) await new Promise((r) => setTimeout(r, 1000));
    } while (!untilIdle && !stop.signal.aborted);
    printJson({ inserted });
  });
}
