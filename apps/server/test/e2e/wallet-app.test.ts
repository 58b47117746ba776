import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHttpServer } from '../../src/http/server.ts';
import { registerWalletApp } from '../../src/http/wallet-app.ts';
import { createLogger } from '../../src/logger.ts';

/**
 * How the platform serves the built wallet app: the shell for every app path, hashed assets
 * cached for good, the shell and the service worker always revalidated, the strict CSP on
 * all of it, and a missing file as a 404 rather than the app.
 */
let server: FastifyInstance;
let dist: string;

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'yat-wallet-dist-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html lang="en"><title>wallet</title><div id="app"></div></html>');
  fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {})');
  fs.writeFileSync(path.join(dist, 'manifest.webmanifest'), '{"name":"壹 Yat wallet"}');
  server = await createHttpServer({ log: createLogger({ logLevel: 'silent', env: 'test' }, 2), trustProxy: false, issuerHost: 'localhost', secure: false, cookieSecret: 'x'.repeat(32), redis: undefined, rateLimitAllowList: [], checkResponses: true });
  await registerWalletApp(server, { distDir: dist });
  await server.ready();
});

afterAll(async () => {
  await server?.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('the wallet app at /wallet/', () => {
  test.each(['/wallet/', '/wallet/login', '/wallet/devices', '/wallet/register'])('%s answers with the app shell, revalidated, under the strict CSP', async (url) => {
    const res = await server.inject({ url, headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toContain('<div id="app">');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("worker-src 'self'");
  });

  test('/wallet redirects to /wallet/ and keeps the query', async () => {
    const res = await server.inject({ url: '/wallet?lang=zh-Hant' });
    expect(res.statusCode).toBe(308);
    expect(res.headers.location).toBe('/wallet/?lang=zh-Hant');
  });

  test('hashed assets are cached for a year; the service worker and manifest are revalidated', async () => {
    const asset = await server.inject({ url: '/wallet/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const sw = await server.inject({ url: '/wallet/sw.js' });
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['content-type']).toMatch(/javascript/);
    expect(sw.headers['cache-control']).toBe('no-cache');
    const manifest = await server.inject({ url: '/wallet/manifest.webmanifest' });
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(manifest.json()).toEqual({ name: '壹 Yat wallet' });
  });

  test.each(['/wallet/assets/index-old999.js', '/wallet/missing.png'])('a missing file (%s) is a 404, not the shell', async (url) => {
    const res = await server.inject({ url, headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'not_found' });
  });
});
