import { afterAll, beforeAll, expect, test } from 'vitest';
import { createLockout } from '../../src/identity/lockout.ts';
import { MAX_CODE_ATTEMPTS } from '../../src/identity/registration.ts';
import { resident } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';

/**
 * Counters of failed attempts are what stop guessing: each failure must count, however many
 * arrive at once. Regression: they were read, then written back as count + 1, so a burst of
 * wrong codes counted as fewer and more than MAX_CODE_ATTEMPTS guesses were compared.
 */
let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p.close());

test('a burst of wrong codes: exactly MAX_CODE_ATTEMPTS are compared, every other one is refused', async () => {
  const r = resident(2);
  const { registrationId } = await p.app.registration.start({ idNumber: r.idNumber, dob: r.dob });
  const burst = 20;
  const results = await Promise.allSettled(Array.from({ length: burst }, () => p.app.registration.verify(registrationId, '000000')));
  const codes = results.map((x) => (x.status === 'rejected' ? (x.reason as { code: string }).code : 'accepted'));
  expect(codes.filter((c) => c === 'invalid_code')).toHaveLength(MAX_CODE_ATTEMPTS - 1);
  // The rest are refused without comparing: attempts used up, the identity locked, or the registration already failed.
  expect(codes.filter((c) => c !== 'invalid_code' && !['too_many_attempts', 'registration_locked', 'wrong_step'].includes(c))).toEqual([]);
  expect(codes.filter((c) => c === 'too_many_attempts').length).toBeGreaterThanOrEqual(1);
  const row = await p.ctx.storage.db.selectFrom('registrations').select(['attempts', 'status']).where('id', '=', registrationId).executeTakeFirstOrThrow();
  expect(row).toEqual({ attempts: MAX_CODE_ATTEMPTS, status: 'failed' });
  const failures = await p.ctx.storage.db.selectFrom('audit_events').select('detail').where('type', '=', 'registration.failed').execute();
  expect(failures.filter((f) => f.detail?.includes('invalid_code'))).toHaveLength(MAX_CODE_ATTEMPTS);
});

test('concurrent lockout failures each count, and the key locks at the limit', async () => {
  const lockout = createLockout(p.ctx.storage.db, { maxFailures: 50, windowMs: 60_000, lockMs: 60_000 });
  const results = await Promise.all(Array.from({ length: 50 }, () => lockout.fail('burst-key')));
  const row = await p.ctx.storage.db.selectFrom('lockouts').selectAll().where('key', '=', 'burst-key').executeTakeFirstOrThrow();
  expect(row.failures).toBe(50);
  expect(results.filter((until) => until !== undefined)).toHaveLength(1);
  expect(await lockout.lockedUntil('burst-key')).toBeGreaterThan(Date.now());
});

test('a failure after the window has passed starts counting again', async () => {
  const lockout = createLockout(p.ctx.storage.db, { maxFailures: 3, windowMs: 1000, lockMs: 60_000 });
  const t0 = Date.now();
  await lockout.fail('window-key', t0);
  await lockout.fail('window-key', t0 + 10);
  expect(await lockout.fail('window-key', t0 + 5000)).toBeUndefined();
  const row = await p.ctx.storage.db.selectFrom('lockouts').selectAll().where('key', '=', 'window-key').executeTakeFirstOrThrow();
  expect(row.failures).toBe(1);
  expect(Number(row.window_start)).toBe(t0 + 5000);
  await lockout.fail('window-key', t0 + 5001);
  expect(await lockout.fail('window-key', t0 + 5002)).toBe(t0 + 5002 + 60_000);
});
