import { expect, test } from 'vitest';
import { showSignInPage } from '../support/login.ts';
import { startPlatform } from '../support/platform.ts';
import { createRelyingParty } from '../support/relying-party.ts';
import { startServerProcess } from '../support/server-process.ts';

/**
 * An orchestrator stops an instance with SIGTERM during a rollout: requests in flight finish
 * (a browser's long-poll answers at once instead of being cut), the pools close, and the
 * process is gone well within its grace period.
 */
test('closing answers a waiting long-poll at once and finishes within 10 s', async () => {
  const p = await startPlatform();
  const rp = await createRelyingParty(p.app, p.issuer);
  const s = await showSignInPage(p, rp);
  const started = Date.now();
  const poll = s.ua.request(`${p.issuer}/interaction/${s.uid}/status?wait=25`);
  await new Promise((r) => setTimeout(r, 300));
  const closing = p.close();
  const answer = await poll;
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body)).toEqual({ status: 'pending' });
  await closing;
  expect(Date.now() - started).toBeLessThan(10_000);
  await expect(fetch(`${p.issuer}/healthz`)).rejects.toThrow();
});

test('yat serve exits cleanly on SIGTERM within 10 s', async () => {
  const server = await startServerProcess();
  expect((await fetch(`${server.issuer}/readyz`)).status).toBe(200);
  const sent = Date.now();
  server.child.kill('SIGTERM');
  while (!server.exited()) {
    expect(Date.now() - sent).toBeLessThan(10_000);
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(server.exited()).toEqual({ code: 0, signal: null });
  expect(server.stderr()).not.toMatch(/longer than 10 s/);
  await server.stop();
});
