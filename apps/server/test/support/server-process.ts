import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { dropTestData, testEnv } from './context.ts';
import { freePort } from './platform.ts';

/**
 * The platform as `yat serve` runs it, in a process of its own: for tests whose subject is the
 * process itself (it must not exit on bad input; a kill -9 loses nothing acknowledged).
 */
const main = path.resolve(import.meta.dirname, '../../../../packages/cli/src/main.ts');

export type ServerProcess = {
  issuer: string;
  child: ChildProcess;
  /** Set once the process has exited, with its code or signal. */
  exited(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  stderr(): string;
  /** Starts the process again on the same data (after a kill). */
  restart(): Promise<void>;
  stop(): Promise<void>;
};

export async function startServerProcess(extra: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { env, dataDir, schema } = testEnv({ PORT: String(port), ISSUER: issuer, HOST: '127.0.0.1', SEED_DEMO: 'no', ...extra });
  let child!: ChildProcess;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let err = '';

  async function launch(): Promise<void> {
    exit = undefined;
    child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', main, 'serve'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    child.on('exit', (code, signal) => (exit = { code, signal }));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start in 60 s:\n${err}`)), 60_000);
      child.stderr!.on('data', (c: Buffer) => {
        err += c.toString();
        if (err.includes('Yat is running at')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', () => {
        clearTimeout(timer);
        reject(new Error(`the server exited while starting:\n${err}`));
      });
    });
  }
  await launch();

  return {
    issuer,
    get child() {
      return child;
    },
    exited: () => exit,
    stderr: () => err,
    restart: launch,
    async stop() {
      if (!exit) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      await dropTestData(dataDir, schema);
    },
  };
}
