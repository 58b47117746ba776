import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { loadOrCreateKeys, rotateSigningKey } from '../../src/crypto/keystore.ts';

test('defaults give a working development setup', () => {
  const c = loadConfig({});
  expect(c).toMatchObject({ env: 'development', port: 3000, issuer: 'http://localhost:3000', databaseUrl: undefined, seedDemo: true });
  expect(c.dataDir).toBe(path.resolve('./data'));
});

test('the issuer follows PORT unless ISSUER is given, without a trailing slash', () => {
  expect(loadConfig({ PORT: '8080' }).issuer).toBe('http://localhost:8080');
  expect(loadConfig({ ISSUER: 'https://id.gov.example/' }).issuer).toBe('https://id.gov.example');
});

test('bad values are refused at start with a message naming each variable', () => {
  const attempt = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://x' });
  expect(attempt).toThrow(ConfigError);
  expect(attempt).toThrow(/PORT[\s\S]*DATABASE_URL: DATABASE_URL must be a postgres:\/\/ URL[\s\S]*REDIS_URL/);
});

test('production refuses an http issuer and the development SMS outbox', () => {
  expect(() => loadConfig({ NODE_ENV: 'production', ISSUER: 'http://id.gov.example' })).toThrow(/ISSUER must be an https:\/\/ URL in production[\s\S]*SMS_GATEWAY_URL is required/);
  expect(loadConfig({ NODE_ENV: 'production', ISSUER: 'https://id.gov.example', SMS_GATEWAY_URL: 'https://sms.gov.example/send' }).seedDemo).toBe(false);
});

test('keys are created once with owner-only permissions; rotation puts a new signing key first and keeps the previous', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yat-keys-')), 'keys.json');
  const first = await loadOrCreateKeys(file);
  expect(first.created).toBe(true);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect((await loadOrCreateKeys(file)).keys).toEqual(first.keys);
  const fresh = await rotateSigningKey(file);
  const { keys } = await loadOrCreateKeys(file);
  expect(keys.signing.map((k) => k.kid)).toEqual([fresh.kid, first.keys.signing[0]!.kid]);
  expect(keys.signing[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
});

test('a damaged key file is reported, not silently replaced', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yat-keys-')), 'keys.json');
  fs.writeFileSync(file, '{"version":1}');
  await expect(loadOrCreateKeys(file)).rejects.toThrow(/incomplete/);
});

test('two processes creating keys at once end up with one set; production refuses to create any', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yat-keys-race-'));
  const file = path.join(dir, 'keys.json');
  const results = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateKeys(file)));
  expect(results.filter((r) => r.created)).toHaveLength(1);
  for (const r of results) expect(r.keys).toEqual(results[0]!.keys);
  await expect(loadOrCreateKeys(path.join(dir, 'absent.json'), { create: false })).rejects.toThrow(/yat keys init/);
  fs.rmSync(dir, { recursive: true, force: true });
});
