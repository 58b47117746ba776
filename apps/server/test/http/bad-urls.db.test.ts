import http from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startPlatform, type Platform } from '../support/platform.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

/**
 * A URL a browser or a program sends that does not decode must get a 4xx, on every route,
 * and never end the process. Regression: `GET /services/%FF` with `Accept: text/html` once
 * ended the server (the framework's bad-URL handler rendered a page before cookies were parsed).
 */
let server: ServerProcess;
let routes: string[];

beforeAll(async () => {
  // The route table comes from the real app; the requests go to `yat serve` in its own process.
  const p: Platform = await startPlatform();
  routes = [...new Set(p.app.server.routeTable.map((r) => r.url))];
  await p.close();
  server = await startServerProcess();
});
afterAll(() => server?.stop());

function get(path: string, accept: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.issuer}${path}`, { method: 'GET', headers: { accept }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const browser = 'text/html,application/xhtml+xml,*/*;q=0.8';
const program = 'application/json';
// An undecodable byte, an overlong encoding of "/", an encoded NUL, an overlong NUL, a lone "%", a bad hex pair.
const badSegments = ['%FF', '%C0%AF', '%00', '%E0%80%80', '%', '%ZZ', '%ED%A0%80'];

/** The fixed part of a route pattern, before its first parameter or wildcard. */
const prefixOf = (url: string) => url.replace(/[:*].*$/, '').replace(/\/$/, '');

test('the request that once ended the process is a 400 page, and the server stays up', async () => {
  const res = await get('/services/%FF', browser);
  expect(res.status).toBe(400);
  expect(res.body).toContain('<html');
  expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  expect((await get('/healthz', program)).status).toBe(200);
  expect(server.exited()).toBeUndefined();
});

test('bad escapes on every route prefix, as a browser and as a program: every answer is a 4xx', async () => {
  const prefixes = [...new Set(routes.map(prefixOf))];
  expect(prefixes.length).toBeGreaterThan(20);
  const failures: string[] = [];
  let sent = 0;
  for (const prefix of prefixes) {
    for (const bad of badSegments) {
      for (const path of [`${prefix}/${bad}`, `${prefix}/x${bad}y/z`, `${prefix || '/'}?lang=${bad}&q=${bad}`]) {
        for (const accept of [browser, program]) {
          const res = await get(path, accept);
          sent++;
          // A query string that does not decode is ignored by routes that read no query: 2xx/3xx is fine there.
          const isQueryOnly = path.includes('?');
          if (res.status >= 500 || (!isQueryOnly && res.status < 400) || /\n\s+at .+:\d+:\d+/.test(res.body)) failures.push(`${accept === browser ? 'browser' : 'program'} GET ${path} → ${res.status}`);
        }
      }
    }
  }
  expect(failures).toEqual([]);
  expect(sent).toBeGreaterThan(500);
  expect(server.exited()).toBeUndefined();
  expect((await get('/healthz', program)).status).toBe(200);
}, 180_000);
