import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { dropTestData, testEnv } from '../../../apps/server/test/support/context.ts';
import { freePort } from '../../../apps/server/test/support/platform.ts';

/**
 * The counter's command line, in separate processes and in the issue's order: the bootstrap
 * staff grant, the resident's `wallet upgrade-code`, a refused `wallet approve` (no staff
 * confirmation yet), the staff member's `counter verify` signed by their own wallet, then the
 * resident's `wallet approve` with the same URL, which upgrades to plus.
 */
const main = path.resolve(import.meta.dirname, '../src/main.ts');
const exec = promisify(execFile);
let env: ReturnType<typeof testEnv>;
let server: ChildProcess;
let issuer: string;

async function yat(...args: string[]) {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--disable-warning=ExperimentalWarning', main, ...args], { env: { ...process.env, ...env.env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  const port = await freePort();
  issuer = `http://127.0.0.1:${port}`;
  env = testEnv({ PORT: String(port), ISSUER: issuer, HOST: '127.0.0.1', SEED_DEMO: 'no' });
});
afterAll(async () => {
  server?.kill('SIGTERM');
  await dropTestData(env.dataDir, env.schema);
});

test('staff grant, wallet upgrade-code, counter verify, wallet approve: an in-person upgrade through the CLI', { timeout: 180_000 }, async () => {
  expect((await yat('registry', 'add', '--id-number', 'A123456(3)', '--name', 'CHAN Tai Man', '--dob', '1980-01-31', '--phone', '91234567')).code).toBe(0);
  expect((await yat('registry', 'add', '--id-number', 'A234567(9)', '--name', 'WONG Ka Yan', '--dob', '1992-07-15', '--phone', '62345678')).code).toBe(0);

  server = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', main, 'serve'], { env: { ...process.env, ...env.env }, stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    server.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      if (err.includes('Yat is running at')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });

  const staffStore = path.join(env.dataDir, 'staff-phone');
  const store = path.join(env.dataDir, 'resident-phone');
  for (const [dir, id, dob] of [[staffStore, 'A123456(3)', '1980-01-31'], [store, 'A234567(9)', '1992-07-15']] as const) {
    const reg = await yat('wallet', 'register', '--store', dir, '--server', issuer, '--id-number', id, '--dob', dob);
    expect(reg.code, reg.stderr).toBe(0);
  }

  const badRole = await yat('staff', 'grant', '--id-number', 'A123456(3)', '--role', 'janitor');
  expect(badRole.code).toBe(2);
  const grant = await yat('staff', 'grant', '--id-number', 'A123456(3)', '--role', 'counter', '--counter', 'gpo');
  expect(grant.code, grant.stderr).toBe(0);
  expect(JSON.parse(grant.stdout)).toMatchObject({ role: 'counter', counterId: 'gpo', bootstrap: true });

  const shown = await yat('wallet', 'upgrade-code', '--store', store);
  expect(shown.code, shown.stderr).toBe(0);
  const { code, url } = JSON.parse(shown.stdout) as { code: string; url: string };
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  expect(url.startsWith(`${issuer}/wallet/upgrade#`)).toBe(true);

  const early = await yat('wallet', 'approve', '--store', store, url);
  expect(early.code).toBe(2);
  expect(early.stderr).toContain('awaiting_staff');

  // Not staff: the resident's own wallet cannot confirm its own code.
  const selfConfirm = await yat('counter', 'verify', '--staff-store', store, '--code', code, '--document-type', 'hkid', '--document-number', 'A234567(9)');
  expect(selfConfirm.code).toBe(2);
  expect(selfConfirm.stderr).toContain('not_staff');

  const verified = await yat('counter', 'verify', '--staff-store', staffStore, '--code', code, '--document-type', 'hkid', '--document-number', 'A234567(9)');
  expect(verified.code, verified.stderr).toBe(0);
  expect(JSON.parse(verified.stdout)).toMatchObject({ status: 'staff_confirmed', counterId: 'gpo' });

  const approved = await yat('wallet', 'approve', '--store', store, url);
  expect(approved.code, approved.stderr).toBe(0);
  expect(JSON.parse(approved.stdout)).toEqual({ status: 'completed', assurance: 'plus' });

  const list = await yat('counter', 'list');
  expect(JSON.parse(list.stdout).length).toBeGreaterThanOrEqual(30);
});
