import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration comes only from environment variables, validated once at start.
 * Every variable has a default that is safe for a developer's machine; production
 * refuses to start with the development-only ones (see `assertProductionSafe`).
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite database)')
    .optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// or rediss:// URL').optional(),
  KEYS_FILE: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMS_GATEWAY_URL: z.url().optional(),
  SMS_GATEWAY_TOKEN: z.string().min(1).optional(),
  SEED_DEMO: z.enum(['auto', 'yes', 'no']).default('auto'),
  TRUST_PROXY: z.stringbool().default(false),
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  PG_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).optional(),
  RATE_LIMIT_ALLOWLIST: z.string().default(''),
  DEMO_PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  LEDGER: z.stringbool().default(true),
  LEDGER_INTERVAL_MS: z.coerce.number().int().min(10).max(1000).default(250),
  LEDGER_WITNESSES: z.string().default(''),
  SIGNING_PKCS11_MODULE: z.string().min(1).optional(),
  SIGNING_PKCS11_TOKEN: z.string().min(1).default('yat'),
  SIGNING_PKCS11_PIN: z.string().min(1).optional(),
  NOTIFY_DAILY_QUOTA: z.coerce.number().int().min(1).default(100_000),
  NOTIFY_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  NOTIFY_VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, 'NOTIFY_VAPID_SUBJECT must be a mailto: or https:// URL').optional(),
  NOTIFY_FANOUT_BATCH: z.coerce.number().int().min(1).max(50_000).default(5000),
  NOTIFY_FANOUT_PAUSE_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  ANALYTICS_ROLLUP_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  ANALYTICS_ROLLUP_LAG_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  issuer: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseSchema: string | undefined;
  redisUrl: string | undefined;
  keysFile: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  sms: { gatewayUrl: string | undefined; gatewayToken: string | undefined };
  seedDemo: boolean;
  trustProxy: boolean;
  sqliteSynchronous: 'NORMAL' | 'FULL';
  pgPoolSize: number;
  /** Client addresses exempt from rate limits (load generators on this machine). */
  rateLimitAllowList: string[];
  /** Port of the demo library-card service that `yat serve` runs in development. */
  demoPort: number;
  /** `/metrics` on the main port needs this bearer token (open in development without one). */
  metricsToken: string | undefined;
  /** Serve `/metrics` on this port only (a private listener), instead of the main port. */
  metricsPort: number | undefined;
  /** The transparency ledger (docs/ledger.md): on by default; witnesses as "URL VKEY" pairs. */
  ledger: { enabled: boolean; intervalMs: number; witnesses: { url: string; vkey: string }[] };
  /** Where the signing keys (CA, TSA, residents') live: wrapped by the data key, or in a PKCS#11 token. */
  signingKeys: { kind: 'embedded' } | { kind: 'pkcs11'; module: string; tokenLabel: string; pin: string };
  /** Notifications (notify/): per-service quotas, the VAPID contact, the topic fan-out's batch size and pause between batches. */
  notify: { dailyQuota: number; ratePerMinute: number; vapidSubject: string; fanoutBatch: number; fanoutPauseMs: number };
  /** Analytics rollups (analytics/rollup.ts): how often the server rolls up (0: never; `yat analytics rollup` only) and how young an audit event may be before it is counted. */
  analytics: { intervalMs: number; lagMs: number };
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const issuer = (e.ISSUER ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const dataDir = path.resolve(e.DATA_DIR);
  const config: Config = {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    issuer,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    redisUrl: e.REDIS_URL,
    keysFile: path.resolve(e.KEYS_FILE ?? path.join(dataDir, 'keys.json')),
    logLevel: e.LOG_LEVEL,
    sms: { gatewayUrl: e.SMS_GATEWAY_URL, gatewayToken: e.SMS_GATEWAY_TOKEN },
    seedDemo: e.SEED_DEMO === 'yes' || (e.SEED_DEMO === 'auto' && e.NODE_ENV === 'development'),
    trustProxy: e.TRUST_PROXY,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    pgPoolSize: e.PG_POOL_SIZE,
    rateLimitAllowList: e.RATE_LIMIT_ALLOWLIST.split(',').map((a) => a.trim()).filter(Boolean),
    demoPort: e.DEMO_PORT,
    metricsToken: e.METRICS_TOKEN,
    metricsPort: e.METRICS_PORT,
    ledger: { enabled: e.LEDGER, intervalMs: e.LEDGER_INTERVAL_MS, witnesses: parseWitnesses(e.LEDGER_WITNESSES) },
    notify: {
      dailyQuota: e.NOTIFY_DAILY_QUOTA,
      ratePerMinute: e.NOTIFY_RATE_PER_MINUTE,
      vapidSubject: e.NOTIFY_VAPID_SUBJECT ?? (issuer.startsWith('https://') ? issuer : 'mailto:operator@yat.invalid'),
      fanoutBatch: e.NOTIFY_FANOUT_BATCH,
      fanoutPauseMs: e.NOTIFY_FANOUT_PAUSE_MS,
    },
    analytics: { intervalMs: e.ANALYTICS_ROLLUP_INTERVAL_MS, lagMs: e.ANALYTICS_ROLLUP_LAG_MS },
    signingKeys: e.SIGNING_PKCS11_MODULE ? { kind: 'pkcs11', module: e.SIGNING_PKCS11_MODULE, tokenLabel: e.SIGNING_PKCS11_TOKEN, pin: e.SIGNING_PKCS11_PIN ?? '' } : { kind: 'embedded' },
  };
  if (config.signingKeys.kind === 'pkcs11' && !config.signingKeys.pin) throw new ConfigError('Invalid configuration:\n  SIGNING_PKCS11_PIN: required with SIGNING_PKCS11_MODULE');
  assertProductionSafe(config);
  return config;
}

/** LEDGER_WITNESSES="https://w1.example/ w1.example+1a2b3c4d+BASE64, …": each a submission prefix and a cosignature verifier key. */
function parseWitnesses(v: string): { url: string; vkey: string }[] {
  return v
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean)
    .map((w) => {
      const [url, vkey, ...rest] = w.split(/\s+/);
      if (!url || !vkey || rest.length || !/^https?:\/\//.test(url)) throw new ConfigError(`Invalid configuration:\n  LEDGER_WITNESSES: expected "URL VKEY" pairs separated by commas, got "${w}"`);
      return { url: url.replace(/\/+$/, ''), vkey };
    });
}

function assertProductionSafe(c: Config): void {
  if (c.env !== 'production') return;
  const problems: string[] = [];
  if (!c.issuer.startsWith('https://')) problems.push('ISSUER must be an https:// URL in production');
  if (!c.sms.gatewayUrl) problems.push('SMS_GATEWAY_URL is required in production (the development outbox is not a phone)');
  if (problems.length) throw new ConfigError(`Unsafe production configuration:\n  ${problems.join('\n  ')}`);
}

export const isDevelopment = (c: Config): boolean => c.env !== 'production';
