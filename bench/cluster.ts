/**
 * `npm run cluster [-- --instances N] [-- --port P] [-- --postgres URL --redis URL] [-- --production]`:
 * the deployment of deploy/compose.yaml with real processes on this machine — PostgreSQL and
 * Redis (our own in a temporary directory, or the ones given), the one-shot migration, N
 * instances of `yat serve` sharing one key file, HAProxy in front with deploy/haproxy.cfg.
 * Prints the URL; Ctrl-C stops everything. Development mode by default (http issuer on the
 * proxy's port, demo data and the SMS outbox); --production runs as the campaigns do.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCluster } from './lib/cluster.ts';

const { values: flags } = parseArgs({
  options: {
    instances: { type: 'string', default: '3' },
    port: { type: 'string', default: '8080' },
    postgres: { type: 'string' },
    redis: { type: 'string' },
    production: { type: 'boolean', default: false },
    'sms-gateway': { type: 'string' },
  },
});

const logDir = path.join(os.tmpdir(), 'yat-cluster-logs');
const instances = Number(flags.instances);
process.stderr.write(`Starting ${instances} instances behind HAProxy (logs in ${logDir}) …\n`);
const cluster = await startCluster({
  instances,
  mode: flags.production ? 'production' : 'development',
  postgresUrl: flags.postgres,
  redisUrl: flags.redis,
  port: Number(flags.port),
  logDir,
  env: flags.production ? { SMS_GATEWAY_URL: flags['sms-gateway'] ?? 'http://127.0.0.1:9/sms', RATE_LIMIT_ALLOWLIST: '127.0.0.1' } : {},
});

const lines = [
  `Yat cluster is running at ${cluster.url} (issuer ${cluster.issuer})`,
  ...cluster.instances.map((i) => `  instance ${i.slot}: ${i.origin} (pid ${i.child?.pid})`),
  `  PostgreSQL: ${cluster.databaseUrl}${cluster.postgres ? ' (started for this run)' : ''}`,
  `  Redis: ${cluster.redisUrl}${cluster.redis ? ' (started for this run)' : ''}`,
  `  keys: ${cluster.env.KEYS_FILE} (one file, shared by every instance)`,
  'Ctrl-C stops everything.',
];
process.stdout.write(`${lines.join('\n')}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  process.stderr.write('Stopping …\n');
  await cluster.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
