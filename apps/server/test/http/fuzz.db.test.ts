import { afterAll, beforeAll, expect, test } from 'vitest';
import { runFuzz } from '../../../../bench/fuzz/run.ts';
import { resident, showSignInPage } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty } from '../support/relying-party.ts';

/**
 * The short version of `npm run fuzz`: generated bad input on every route the server
 * registered (from its own route table), with live identifiers put into the wrong steps. No
 * answer may be a 5xx or show a stack trace or internal detail, and the server must stay up.
 */
let p: Platform;
let live: string[];
beforeAll(async () => {
  // Rate limits would answer most of this with 429 before any handler ran: the fuzz is for the handlers.
  p = await startPlatform({ RATE_LIMIT_ALLOWLIST: '127.0.0.1' });
  const rp = await createRelyingParty(p.app, p.issuer);
  const s = await showSignInPage(p, rp);
  const reg = await p.app.registration.start({ idNumber: resident(4).idNumber, dob: resident(4).dob });
  live = [s.uid, s.link.split('#')[1]!, reg.registrationId, rp.clientId];
});
afterAll(() => p?.close());

test('3,000 generated bad requests across every route: no 5xx, no internal detail, the server stays up', async () => {
  const routes = p.app.server.routeTable.filter((r) => r.method !== 'HEAD');
  const stats = await runFuzz({ origin: p.issuer, routes, live, count: 3000, seed: 20261128, concurrency: 8 });
  expect(stats.failures).toEqual([]);
  expect(stats.sent).toBe(3000);
  // Most requests got an answer to judge (a few are refused by the client or Node's parser before any route).
  expect(stats.transportErrors).toBeLessThan(stats.sent * 0.05);
  const statuses = Object.keys(stats.byStatus).map(Number);
  expect(statuses.some((s) => s >= 400 && s < 500)).toBe(true);
  expect((await fetch(`${p.issuer}/readyz`)).status).toBe(200);
}, 240_000);
