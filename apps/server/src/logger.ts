import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

export type { Logger };

/** `destination` 2 (stderr) for command-line tools, whose stdout carries JSON results. */
export function createLogger(config: Pick<Config, 'logLevel' | 'env'>, destination: 1 | 2 = 1): Logger {
  return pino(
    {
    level: config.logLevel,
    base: { service: 'yat' },
    // Personal data never reaches the log: identity numbers, codes and tokens are redacted
    // wherever they appear in logged objects.
    redact: {
      paths: ['idNumber', '*.idNumber', 'code', '*.code', 'token', '*.token', 'req.headers.cookie', 'req.headers.authorization'],
      censor: '[redacted]',
    },
    },
    pino.destination(destination),
  );
}
