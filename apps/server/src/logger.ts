import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

export type { Logger };

/** The request being served, so every log line written while serving it names its id. */
export const requestScope = new AsyncLocalStorage<{ reqId: string }>();

/** `destination` 2 (stderr) for command-line tools, whose stdout carries JSON results; a stream for tests that read the log. */
export function createLogger(config: Pick<Config, 'logLevel' | 'env'>, destination: 1 | 2 | NodeJS.WritableStream = 1): Logger {
  return pino(
    {
    level: config.logLevel,
    base: { service: 'yat' },
    mixin: () => {
      const scope = requestScope.getStore();
      return scope ? { reqId: scope.reqId } : {};
    },
    // Personal data never reaches the log: identity numbers, codes and tokens are redacted
    // wherever they appear in logged objects.
    redact: {
      paths: ['idNumber', '*.idNumber', 'code', '*.code', 'token', '*.token', 'req.headers.cookie', 'req.headers.authorization'],
      censor: '[redacted]',
    },
    },
    typeof destination === 'number' ? pino.destination(destination) : destination,
  );
}
