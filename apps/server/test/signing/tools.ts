import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Outside tools that judge the signatures: OpenSSL and poppler's pdfsig. */
export function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'yat-sign-'));
}

export function run(cmd: string, args: string[]): { code: number; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

export const pem = (der: Uint8Array | ArrayBuffer, label = 'CERTIFICATE'): string =>
  `-----BEGIN ${label}-----\n${Buffer.from(der as Uint8Array).toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END ${label}-----\n`;

export const opensslVersion = (): string => execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim();
