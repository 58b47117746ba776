import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

/** The real `yat` command in a child process (asynchronously: the server may be in this process). */
const main = path.resolve(import.meta.dirname, '../../../../packages/cli/src/main.ts');
const exec = promisify(execFile);

export async function yat(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--disable-warning=ExperimentalWarning', main, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Starts a long-running `yat` command and resolves with its first JSON line on stdout. */
export function yatDaemon<T>(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; info: T }> {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', main, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      try {
        resolve({ child, info: JSON.parse(out) as T });
      } catch {
        // not a whole JSON document yet
      }
    });
    child.once('exit', (code) => reject(new Error(`yat ${args.join(' ')} exited (${code}): ${err}`)));
  });
}
