import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { registerClient } from '../../src/oidc/client-registration.ts';
import { openTestContext, type TestContext } from '../support/context.ts';

/** A service's registration lists its e-ME fields; its allowed scopes follow from them. */
let ctx: TestContext;
let app: App;
let jwks: { keys: unknown[] };

beforeAll(async () => {
  ctx = await openTestContext();
  app = await createApp(ctx);
  jwks = { keys: [{ ...(await exportJWK((await generateKeyPair('ES256')).publicKey)), kid: 'k', alg: 'ES256' }] };
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const base = () => ({ name: 'Svc', redirectUris: ['https://svc.example.gov/cb'], jwks });

describe('registering the fields a service may ask for', () => {
  test('the scopes are derived from the fields; the fields are stored with the client', async () => {
    const { client_id } = await registerClient(app, { ...base(), fields: { required: ['name_en'], optional: ['postal_address', 'email'] } });
    const m = await app.clients.find(client_id);
    expect(m?.scope).toBe('openid offline_access profile yat:postal_address email');
    expect(m?.yat_fields).toEqual({ required: ['name_en'], optional: ['postal_address', 'email'] });
  });

  test('an unknown field, a field listed twice, or a scope that covers no registered field is refused', async () => {
    await expect(registerClient(app, { ...base(), fields: { required: ['shoe_size'], optional: [] } })).rejects.toMatchObject({ code: 'invalid_client_metadata', message: expect.stringContaining('shoe_size') });
    await expect(registerClient(app, { ...base(), fields: { required: ['email'], optional: ['email'] } })).rejects.toMatchObject({ code: 'invalid_client_metadata' });
    await expect(registerClient(app, { ...base(), scope: 'openid phone', fields: { required: ['email'], optional: [] } })).rejects.toMatchObject({ code: 'invalid_client_metadata', message: expect.stringContaining('phone') });
  });

  test('a service registered with scopes only may ask for every field they cover, all optional', async () => {
    const { client_id } = await registerClient(app, { ...base(), scope: 'openid email yat:title' });
    expect((await app.clients.find(client_id))?.yat_fields).toEqual({ required: [], optional: ['email', 'title'] });
  });

  test('yat client add --required-fields / --fields', async () => {
    const file = path.join(ctx.dataDir, 'jwks.json');
    fs.writeFileSync(file, JSON.stringify(jwks));
    const main = path.resolve(import.meta.dirname, '../../../../packages/cli/src/main.ts');
    const env = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: ctx.dataDir, ...(ctx.config.databaseUrl ? { DATABASE_URL: ctx.config.databaseUrl, DATABASE_SCHEMA: ctx.config.databaseSchema } : {}) };
    const { stdout } = await promisify(execFile)(process.execPath, [main, 'client', 'add', '--name', 'CLI svc', '--redirect-uri', 'https://cli.example.gov/cb', '--jwks-file', file, '--required-fields', 'name_en', '--fields', 'birthdate,title'], { env });
    const { client_id } = JSON.parse(stdout) as { client_id: string };
    expect((await app.clients.find(client_id))?.yat_fields).toEqual({ required: ['name_en'], optional: ['birthdate', 'title'] });
  });
});
