import { loadConfig } from '@yat/server/config.ts';
import { rotateSigningKey } from '@yat/server/crypto/keystore.ts';
import { CliError, parse, printJson, type Command } from '../cli.ts';

const help = `Usage: yat keys rotate

Adds a new ES256 token-signing key and makes it the one that signs. The previous keys stay
published in the JWKS (the newest two) so tokens they signed still verify. Restart or
roll the instances afterwards so they all sign with the new key.`;

export const command: Command = async (args) => {
  const { positionals } = parse(args, {}, help);
  if (positionals[0] !== 'rotate') throw new CliError(help);
  const config = loadConfig();
  const key = await rotateSigningKey(config.keysFile);
  printJson({ kid: key.kid, file: config.keysFile });
};
