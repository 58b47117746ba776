import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration comes only from environment variables, validated once at start.
 * Every variable has a default that is safe for a developer's machine; production
 * refuses to start with the development-only ones (see `assertProductionSafe`).
 */
const envSchema = z.object({
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
  };
  assertProductionSafe(config);
  return config;
}

function assertProductionSafe(c: Config): void {
  if (c.env !== 'production') return;
  const problems: string[] = [];
  if (!c.issuer.startsWith('https://')) problems.push('ISSUER must be an https:// URL in production');
  if (!c.sms.gatewayUrl) problems.push('SMS_GATEWAY_URL is required in production (the development outbox is not a phone)');
  if (problems.length) throw new ConfigError(`Unsafe production configuration:\n  ${problems.join('\n  ')}`);
}

export const isDevelopment = (c: Config): boolean => c.env !== 'production';
