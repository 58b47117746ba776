import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Builds goverify/main.go — a verifier written only against Go's golang.org/x/mod/sumdb
 * tlog and note packages (Debian's golang-golang-x-mod-dev), sharing no code with Yat —
 * and runs it. Offline: GOPATH mode over the Debian package's sources. Asynchronous: the
 * server it fetches from runs in the test's own process.
 */
const run = promisify(execFile);
let built: Promise<string> | undefined;

export function goVerifier(): Promise<string> {
  built ??= (async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yat-goverify-')), 'goverify');
    await run('go', ['build', '-o', out, path.join(import.meta.dirname, 'goverify', 'main.go')], {
      env: { ...process.env, GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOCACHE: path.join(os.tmpdir(), 'yat-gocache'), GOFLAGS: '' },
    });
    return out;
  })();
  return built;
}

export type GoVerdict = { ok: boolean; error?: string; origin?: string; size?: number; root?: string; included?: number; entry?: string; consistentFrom?: number };

export async function runGoVerifier(args: string[]): Promise<GoVerdict> {
  try {
    return JSON.parse((await run(await goVerifier(), args, { encoding: 'utf8' })).stdout) as GoVerdict;
  } catch (err) {
    const out = (err as { stdout?: string }).stdout;
    if (out) return JSON.parse(out) as GoVerdict;
    throw err;
  }
}
