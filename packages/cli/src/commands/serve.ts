import { createApp } from '@yat/server/app.ts';
import { isDevelopment } from '@yat/server/config.ts';
import { openContext } from '@yat/server/context.ts';
import { demoIdentities, seedDemoData } from '@yat/server/demo/seed.ts';
import { parse, type Command } from '../cli.ts';
import { startDemoService } from '../demo-service.ts';

const help = `Usage: yat serve

Runs the platform: portal, wallet API and OpenID Connect provider on one port.
Configuration comes from the environment (PORT, ISSUER, DATA_DIR, DATABASE_URL, REDIS_URL, NODE_ENV);
see README.md for the full table.`;

export const command: Command = async (args) => {
  parse(args, {}, help);
  const ctx = await openContext();
  // A promise nobody awaited that failed is a defect to log and fix, not a reason to stop
  // serving everyone else (Node would otherwise exit on it).
  process.on('unhandledRejection', (reason) => ctx.log.error({ err: reason }, 'unhandled promise rejection'));
  const app = await createApp(ctx);
  if (ctx.config.seedDemo) await seedDemoData(ctx, app.registry);
  await app.server.listen({ port: ctx.config.port, host: ctx.config.host });
  const { issuer } = ctx.config;
  const demo = ctx.config.seedDemo ? await startDemoService(ctx, app) : undefined;
  const lines = [`Yat is running at ${issuer}`, `  OpenID Connect discovery: ${issuer}/.well-known/openid-configuration`];
  if (isDevelopment(ctx.config)) {
    if (demo) lines.push(`  Demo service (apply for a library card): ${demo.baseUrl}  — open it and log in with the wallet at ${issuer}/wallet`);
    lines.push(`  Consoles: ${issuer}/console/  — the developer console for any resident; the staff consoles after a role is granted: npx yat staff grant --id-number … --role operator`);
    lines.push(`  SMS outbox (development): ${issuer}/dev/outbox`, '  Test residents in the synthetic registry:', ...demoIdentities().map((l) => `    ${l}`));
  }
  process.stderr.write(`${lines.join('\n')}\n`);

  // Graceful: stop taking connections, let requests in flight finish (long-polls answer at
  // once), close the pools; an orchestrator's grace period is 30 s, so 10 s is the bound.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.log.info({ signal }, 'shutting down');
    setTimeout(() => {
      ctx.log.error('shutdown took longer than 10 s; exiting anyway');
      process.exit(1);
    }, 10_000).unref();
    await demo?.close();
    await app.close();
    await ctx.close();
    ctx.log.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
};
