#!/usr/bin/env -S node --disable-warning=ExperimentalWarning
/**
 * `yat`: one command line for operators, developers and tests. Each sub-command lives in
 * commands/<name>.ts and exports `run(args)`; machine-readable results go to stdout as JSON,
 * progress and messages to stderr.
 */
import { CliError, type Command } from './cli.ts';

const commands: Record<string, () => Promise<{ command: Command }>> = {
  serve: () => import('./commands/serve.ts'),
  migrate: () => import('./commands/migrate.ts'),
  registry: () => import('./commands/registry.ts'),
  client: () => import('./commands/client.ts'),
  wallet: () => import('./commands/wallet.ts'),
  keys: () => import('./commands/keys.ts'),
  ledger: () => import('./commands/ledger.ts'),
  staff: () => import('./commands/staff.ts'),
  counter: () => import('./commands/counter.ts'),
  signing: () => import('./commands/signing.ts'),
  notify: () => import('./commands/notify.ts'),
  analytics: () => import('./commands/analytics.ts'),
};

const usage = `Usage: yat <command> [options]

Commands:
  serve                         run the platform (same as npm start)
  migrate                       apply database migrations
  registry add|seed             manage the embedded synthetic civil registry
  client add|list               register relying parties (OpenID Connect clients)
  wallet register|approve|upgrade-code|recover   the headless wallet (a software phone)
  staff grant|list              staff roles (the bootstrap grant)
  counter verify|list           registration counters: a staff member's confirmation
  keys rotate                   add a new token-signing key
  ledger audit|witness          check the transparency log; run a witness that cosigns it
  signing ca|revoke             the signing CA's certificates; revoke a resident's signing certificates
  notify topic|worker           public alert topics: publish (with progress), delivery report; the fan-out worker
  analytics rollup              count new audit events into the usage analytics (resumable)

Run "yat <command> --help" for the options of one command.`;

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stderr.write(`${usage}\n`);
    process.exitCode = name ? 0 : 2;
    return;
  }
  const load = commands[name];
  if (!load) throw new CliError(`Unknown command "${name}".\n\n${usage}`);
  const { command } = await load();
  await command(rest);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof CliError) {
    process.stderr.write(`yat: ${err.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`yat: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  }
});
