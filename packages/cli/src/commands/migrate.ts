import { loadConfig } from '@yat/server/config.ts';
import { createLogger } from '@yat/server/logger.ts';
import { migrate, openStorage } from '@yat/server/storage/db.ts';
import { parse, printJson, type Command } from '../cli.ts';

const help = `Usage: yat migrate

Applies pending database migrations (the server also does this at start) and prints
{"applied": [...]} as JSON.`;

export const command: Command = async (args) => {
  parse(args, {}, help);
  const config = loadConfig();
  createLogger(config);
  const storage = await openStorage(config);
  try {
    printJson(await migrate(storage));
  } finally {
    await storage.close();
  }
};
