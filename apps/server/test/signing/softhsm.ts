import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tmpDir } from './tools.ts';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

/**
 * A fresh SoftHSM2 token in its own directory. SoftHSM reads SOFTHSM2_CONF when the module
 * is initialised, so this sets it for the process before any key store opens.
 */
export function softHsmToken(label = 'yat', pin = '123456'): { module: string; label: string; pin: string; dir: string } {
  const dir = tmpDir();
  fs.mkdirSync(path.join(dir, 'tokens'));
  const conf = path.join(dir, 'softhsm2.conf');
  fs.writeFileSync(conf, `directories.tokendir = ${path.join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  process.env.SOFTHSM2_CONF = conf;
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', '87654321'], { env: process.env, stdio: 'pipe' });
  return { module: SOFTHSM_MODULE, label, pin, dir };
}
