import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { clusterCampaign, quickPlan, sqliteCampaign, type Plan } from '../lib/chaos/campaign.ts';

/**
 * The short version of `npm run chaos`: the same code on a smaller plan. Two instances behind
 * HAProxy on a PostgreSQL and a Redis of the test's own (initdb/pg_ctl, redis-server: restarts
 * never touch the shared ones), kill -9 of instances, a PostgreSQL restart and a Redis restart
 * under load; then the embedded SQLite process killed during writes. Every acknowledged write
 * must be in the database and the audit trail, and no 5xx may follow recovery.
 * A `.redis.test.ts`: it runs where Redis is installed (CI sets TEST_REDIS_URL).
 */
const plan: Plan = { ...quickPlan, kills: 2, population: 500, settleMs: 2500, sqliteKills: 3, killPhaseMaxMs: 45_000, sqlitePhaseMaxMs: 60_000 };
// About two minutes on a quiet 2-core machine; a restart takes far longer when other work
// shares the cores, and the phases are bounded in time, so at least one fault of each kind is
// asserted, not the planned number, and the timeouts are generous.
const logDir = path.join(os.tmpdir(), 'yat-chaos-test-logs');
const quiet = () => undefined;

describe('chaos (short campaign)', () => {
  test('cluster: instances killed, PostgreSQL and Redis restarted — nothing acknowledged is lost, no 5xx after recovery, service back within 5 s', async () => {
    const r = await clusterCampaign(plan, logDir, quiet);
    expect(r.faults.filter((f) => f.kind === 'kill').length).toBeGreaterThanOrEqual(1);
    expect(r.faults.map((f) => f.kind)).toEqual(expect.arrayContaining(['postgres-restart', 'redis-restart']));
    expect(r.writes.byKind.registrations.checked).toBeGreaterThan(0);
    expect(r.writes.byKind.approvals.checked).toBeGreaterThan(0);
    expect(r.writes.byKind.grants.checked).toBeGreaterThan(0);
    expect(r.writes.examples).toEqual([]);
    expect(r.writes.lost).toBe(0);
    expect(r.fiveXxAfterRecoveryExamples).toEqual([]);
    expect(r.fiveXxAfterRecovery).toBe(0);
    for (const f of r.faults.filter((x) => x.kind === 'postgres-restart' || x.kind === 'redis-restart')) expect(f.detail.serviceBackAfterUpMs, f.kind).toBeLessThan(5000);
    // Clients whose flow failed got through on a retry.
    expect(r.flows.ok).toBeGreaterThan(r.flows.failed);
    // Outside a fault's window a flow may still meet a connection the fault cut (the load
    // generator's pooled socket, HAProxy's check interval); such flows are rare and retried.
    expect(r.flows.failedOutsideFaults, JSON.stringify(r.flows.errors)).toBeLessThanOrEqual(Math.ceil(r.flows.total / 100));
  }, 900_000);

  test('embedded SQLite: kill -9 during writes — integrity_check ok every time, every acknowledged write present', async () => {
    const r = await sqliteCampaign(plan, logDir, quiet);
    expect(r.faults.length).toBeGreaterThanOrEqual(1);
    expect(r.integrityChecks!.results).toEqual(['ok']);
    expect(r.integrityChecks!.runs).toBe(r.faults.length + 1);
    expect(r.writes.checked).toBeGreaterThan(0);
    expect(r.writes.examples).toEqual([]);
    expect(r.writes.lost).toBe(0);
    expect(r.responses5xx).toBe(0);
  }, 600_000);
});
