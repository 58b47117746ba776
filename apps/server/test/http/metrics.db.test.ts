import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openContext, type Context } from '../../src/context.ts';
import { demoResidents } from '../../src/identity/synthetic-registry.ts';
import { createLogger } from '../../src/logger.ts';
import { dropTestData, testEnv } from '../support/context.ts';
import { login, registeredWallet } from '../support/login.ts';
import { freePort, type Platform } from '../support/platform.ts';
import { createRelyingParty } from '../support/relying-party.ts';

/**
 * What an operator sees: Prometheus metrics for requests by route, the login funnel and
 * registrations; a request id on every response and on every log line written for it.
 */
let p: Platform;
let logLines: Array<Record<string, unknown>>;
const TOKEN = 'a-metrics-token-of-some-length';

beforeAll(async () => {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { env, dataDir, schema } = testEnv({ PORT: String(port), ISSUER: issuer, HOST: '127.0.0.1', METRICS_TOKEN: TOKEN });
  const stream = new PassThrough();
  logLines = [];
  stream.on('data', (c: Buffer) => c.toString().split('\n').filter(Boolean).forEach((l) => logLines.push(JSON.parse(l) as Record<string, unknown>)));
  const ctx: Context = await openContext({ config: loadConfig(env), logger: createLogger({ logLevel: 'info', env: 'test' }, stream) });
  const app: App = await createApp(ctx);
  for (const r of demoResidents) await app.registry.add(r);
  await app.server.listen({ port, host: '127.0.0.1' });
  p = { issuer, ctx, app, close: async () => (await app.close(), await ctx.close(), await dropTestData(dataDir, schema)) };
});
afterAll(() => p?.close());

const scrape = async () => (await fetch(`${p.issuer}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
const value = (text: string, series: string) => Number(text.split('\n').find((l) => l.startsWith(`${series} `))?.split(' ')[1] ?? 0);

test('/metrics needs the token', async () => {
  expect((await fetch(`${p.issuer}/metrics`)).status).toBe(401);
  expect((await fetch(`${p.issuer}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  const ok = await fetch(`${p.issuer}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(ok.status).toBe(200);
  expect(ok.headers.get('content-type')).toContain('text/plain');
});

test('a login moves the funnel (shown, approved, completed), registrations and requests are counted by route', async () => {
  const before = await scrape();
  const rp = await createRelyingParty(p.app, p.issuer);
  const wallet = await registeredWallet(p);
  await login(p, rp, wallet);
  const after = await scrape();
  for (const step of ['shown', 'approved', 'completed']) {
    expect(value(after, `yat_login_funnel_total{step="${step}"}`) - value(before, `yat_login_funnel_total{step="${step}"}`), step).toBe(1);
  }
  for (const outcome of ['started', 'verified', 'completed']) expect(value(after, `yat_registrations_total{outcome="${outcome}"}`)).toBeGreaterThanOrEqual(1);
  expect(after).toMatch(/yat_http_requests_total\{method="GET",route="\/interaction\/:uid",status="200"\} \d+/);
  expect(after).toMatch(/yat_http_request_duration_seconds_bucket\{le="0.05",method="GET",route="\/interaction\/:uid"\}/);
  expect(after).toMatch(/yat_db_query_duration_seconds_count \d+/);
  expect(after).toMatch(/yat_background_job_lag_seconds\{job="sweeper"\} 0/);
  expect(after).toMatch(/nodejs_eventloop_lag_seconds \d/);
});

test('unknown paths share one series instead of one per URL', async () => {
  for (let i = 0; i < 5; i++) await fetch(`${p.issuer}/no/such/${i}`);
  const text = await scrape();
  expect(text).toMatch(/yat_http_requests_total\{method="GET",route="unmatched",status="404"\} [5-9]/);
  expect(text).not.toContain('/no/such/');
});

test('every response carries a request id, a given one is kept, and log lines written for it name it', async () => {
  const res = await fetch(`${p.issuer}/api/wallet/registrations`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'lb-1234567890' }, body: JSON.stringify({ idNumber: demoResidents[3]!.idNumber, dob: demoResidents[3]!.dob }) });
  expect(res.status).toBe(201);
  expect(res.headers.get('x-request-id')).toBe('lb-1234567890');
  await new Promise((r) => setTimeout(r, 50));
  const lines = logLines.filter((l) => l.reqId === 'lb-1234567890');
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.some((l) => String(l.msg).includes('registration.started'))).toBe(true);
  const fresh = (await fetch(`${p.issuer}/healthz`)).headers.get('x-request-id');
  expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
});
