import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from 'vitest';

/**
 * `npm start` runs on the Node.js the project brings (the `node` devDependency). It must be an
 * LTS release, or oidc-provider prints "Unsupported runtime" at every start — noise that
 * teaches people to ignore the real warnings printed beside it.
 */
const root = path.resolve(import.meta.dirname, '../../../..');
const projectNode = path.join(root, 'node_modules', '.bin', 'node');

test('the project\'s own Node.js is a 24.x LTS release', () => {
  const out = execFileSync(projectNode, ['-p', 'JSON.stringify({ version: process.version, lts: process.release.lts ?? null })'], { encoding: 'utf8' });
  const { version, lts } = JSON.parse(out) as { version: string; lts: string | null };
  expect(version).toMatch(/^v24\./);
  expect(lts).toBe('Krypton');
});

test('loading oidc-provider on it prints no runtime warning', () => {
  const r = spawnSync(projectNode, ['--input-type=module', '-e', "await import('oidc-provider')"], { cwd: root, encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stderr).not.toMatch(/Unsupported runtime/);
  expect(r.stderr).toBe('');
});
