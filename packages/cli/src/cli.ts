import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig } from '@yat/server/config.ts';
import { openContext, type Context } from '@yat/server/context.ts';
import { createLogger } from '@yat/server/logger.ts';

export type Command = (args: string[]) => Promise<void>;

/** A mistake in how the command was called: printed without a stack trace, exit code 2. */
export class CliError extends Error {
  override name = 'CliError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<O extends Options>(args: string[], options: O, help: string) {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${help}\n`);
    process.exit(0);
  }
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${help}`);
  }
}

export function required(value: string | undefined, flag: string): string {
  if (!value) throw new CliError(`--${flag} is required`);
  return value;
}

export const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

/** Opens the platform's context for one command; stdout carries JSON, so logs go to stderr. */
export async function withContext<T>(fn: (ctx: Context) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const ctx = await openContext({ config, logger: createLogger(config, 2) });
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}
