import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { dropTestData, testEnv } from '../../../apps/server/test/support/context.ts';
import { splitName } from '../src/commands/registry.ts';

/** The real `yat` in child processes, against a fresh database (SQLite, or PostgreSQL schema). */
const main = path.resolve(import.meta.dirname, '../src/main.ts');
const exec = promisify(execFile);
let env: ReturnType<typeof testEnv>;

beforeAll(() => {
  env = testEnv();
});
afterAll(() => dropTestData(env.dataDir, env.schema));

async function yat(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [main, ...args], { env: { ...process.env, ...env.env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A separate process that opens the platform the way the server does and looks a record up. */
async function findInOtherProcess(idNumber: string): Promise<unknown> {
  const src = (file: string) => pathToFileURL(path.resolve(import.meta.dirname, '../../../apps/server/src', file)).href;
  const script = `
    const { openContext } = await import(${JSON.stringify(src('context.ts'))});
    const { createEmbeddedRegistry } = await import(${JSON.stringify(src('identity/registry.ts'))});
    const ctx = await openContext();
    const found = await createEmbeddedRegistry({ db: ctx.storage.db, crypto: ctx.crypto }).find(process.argv[1]);
    process.stdout.write(JSON.stringify(found ?? null));
    await ctx.close();`;
  const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', script, idNumber], { env: { ...process.env, ...env.env } });
  return JSON.parse(stdout);
}

const chan = ['--id-number', 'a123456 (3)', '--name', 'CHAN Tai Man', '--dob', '1980-01-31'];

test('registry add prints the stored record; a second process reads it back', async () => {
  const extra = ['--name-zh', '陳大文', '--gender', 'm', '--phone', '9123 4567', '--email', 'TaiMan@Example.com'];
  const added = await yat('registry', 'add', ...chan, ...extra, '--address', 'Flat A, 12/F, 88 Nathan Road', '--district', 'Yau Tsim Mong');
  expect(added.code, added.stderr).toBe(0);
  const record = JSON.parse(added.stdout);
  expect(record).toEqual({
    idNumber: 'A123456(3)',
    nameEn: { family: 'CHAN', given: 'Tai Man' },
    nameZh: '陳大文',
    dob: '1980-01-31',
    gender: 'M',
    address: { line: 'Flat A, 12/F, 88 Nathan Road', district: 'Yau Tsim Mong' },
    phone: '+85291234567',
    email: 'taiman@example.com',
  });
  expect(await findInOtherProcess('A123456(3)')).toEqual({ ...record, idNumber: 'A1234563' });

  // Adding the same person again with "Given FAMILY" order replaces the record, read back from the database.
  const again = await yat('registry', 'add', '--id-number', 'A1234563', '--name', 'Tai Man CHAN', '--dob', '1980-01-31');
  expect(again.code, again.stderr).toBe(0);
  expect(JSON.parse(again.stdout)).toMatchObject({ idNumber: 'A123456(3)', nameEn: { family: 'CHAN', given: 'Tai Man' }, gender: 'X', phone: '' });
});

test('registry seed prints the result as JSON on stdout', async () => {
  const seeded = await yat('registry', 'seed', '--count', '3000', '--seed', '7');
  expect(seeded.code, seeded.stderr).toBe(0);
  const result = JSON.parse(seeded.stdout);
  expect(result).toMatchObject({ inserted: 3000 });
  expect(result.seconds).toBeGreaterThan(0);
  expect(result.perSecond).toBeGreaterThan(0);
  expect(JSON.parse((await yat('registry', 'seed', '--count', '3000')).stdout)).toMatchObject({ inserted: 0 });
});

test('mistakes are usage errors (exit code 2) with a clear message', async () => {
  const badCheck = await yat('registry', 'add', ...chan.slice(0, 1), 'A123456(4)', ...chan.slice(2));
  expect(badCheck.code).toBe(2);
  expect(badCheck.stderr).toContain('check digit');
  const badDate = await yat('registry', 'add', ...chan.slice(0, 4), '--dob', '1980-13-01');
  expect(badDate).toMatchObject({ code: 2, stdout: '' });
  expect(badDate.stderr).toContain('dob');
  expect((await yat('registry', 'add', '--name', 'CHAN Tai Man')).stderr).toContain('--id-number is required');
  expect((await yat('registry', 'seed', '--count', 'many')).code).toBe(2);
  const help = await yat('registry', 'add', '--help');
  expect(help).toMatchObject({ code: 0 });
  expect(help.stdout).toContain('yat registry seed --count N');
});

test('name order rule', () => {
  expect(splitName('CHAN Tai Man')).toEqual({ family: 'CHAN', given: 'Tai Man' });
  expect(splitName('Tai Man CHAN')).toEqual({ family: 'CHAN', given: 'Tai Man' });
  expect(splitName('AU YEUNG Ka Yan')).toEqual({ family: 'AU YEUNG', given: 'Ka Yan' });
  expect(splitName('Chan, Tai Man')).toEqual({ family: 'Chan', given: 'Tai Man' });
  expect(splitName('Chan Tai Man')).toEqual({ family: 'Chan', given: 'Tai Man' });
  expect(splitName('CHAN TAI MAN')).toEqual({ family: 'CHAN', given: 'TAI MAN' });
});
