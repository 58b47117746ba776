import { loadConfig } from '@yat/server/config.ts';
import { createKeysFile, newKeyMaterial, rotateSigningKey } from '@yat/server/crypto/keystore.ts';
import { CliError, parse, printJson, type Command } from '../cli.ts';

const help = `Usage: yat keys init | yat keys rotate

init: creates the key file (KEYS_FILE, else DATA_DIR/keys.json) with fresh keys, once; it
refuses to overwrite one. Production instances never create keys themselves: make the file
once, store it as a secret, and mount the same file into every instance.

rotate: adds a new ES256 token-signing key and makes it the one that signs. The previous keys stay
published in the JWKS (the newest two) so tokens they signed still verify. Restart or
roll the instances afterwards so they all sign with the new key.`;

export const command: Command = async (args) => {
  const { positionals } = parse(args, {}, help);
  const config = loadConfig();
  if (positionals[0] === 'init') {
    if (!createKeysFile(config.keysFile, await newKeyMaterial())) throw new CliError(`A key file already exists at ${config.keysFile}; it was left as it is.`);
    printJson({ file: config.keysFile, created: true });
    return;
  }
  if (positionals[0] !== 'rotate') throw new CliError(help);
  const key = await rotateSigningKey(config.keysFile);
  printJson({ kid: key.kid, file: config.keysFile });
};
