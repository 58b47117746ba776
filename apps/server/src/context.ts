import { loadConfig, type Config } from './config.ts';
import { createFieldCrypto, type FieldCrypto } from './crypto/field-crypto.ts';
import { loadOrCreateKeys, type KeyMaterial } from './crypto/keystore.ts';
import { createMetrics, type Metrics } from './http/metrics.ts';
import { createLogger, type Logger } from './logger.ts';
import { migrate, openStorage, type Storage, type StorageOptions } from './storage/db.ts';

/**
 * What every entry point (server, CLI, tests) needs before it can do anything: validated
 * configuration, the key material, the database (migrated) and a logger. Built once and
 * passed down; nothing below reaches for globals.
 */
export type Context = {
  config: Config;
  keys: KeyMaterial;
  crypto: FieldCrypto;
  storage: Storage;
  log: Logger;
  metrics: Metrics;
  close(): Promise<void>;
};

export type ContextOptions = {
  env?: NodeJS.ProcessEnv;
  config?: Config;
  storage?: Partial<StorageOptions>;
  logger?: Logger;
};

export async function openContext(opts: ContextOptions = {}): Promise<Context> {
  const config = opts.config ?? loadConfig(opts.env);
  const log = opts.logger ?? createLogger(config);
  const { keys, created } = await loadOrCreateKeys(config.keysFile, { create: config.env !== 'production' });
  if (created) log.info({ file: config.keysFile }, 'generated new key material');
  const metrics = createMetrics();
  const storage = await openStorage({ ...config, log, metrics, ...opts.storage });
  const { applied } = await migrate(storage);
  if (applied.length) log.info({ applied }, 'database migrated');
  return {
    config,
    keys,
    crypto: createFieldCrypto(keys),
    storage,
    log,
    metrics,
    close: () => storage.close(),
  };
}
