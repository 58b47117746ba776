/**
 * `npm run chaos [-- --quick] [-- --only cluster|sqlite]`: the chaos campaign. Faults injected
 * under a steady load of registrations and logins, then every acknowledged write checked in
 * the database and the audit trail:
 * - 3 instances behind HAProxy on a PostgreSQL and a Redis started for the run (never the
 *   machine's): kill -9 of a random instance every few seconds (brought back), then a
 *   PostgreSQL restart, then a Redis restart;
 * - one process on the embedded SQLite database: kill -9 during writes, 50 times, with
 *   PRAGMA integrity_check after each.
 * Loopback only; bounded in time (about 10 minutes on the 2-core machine). Writes
 * bench/results/chaos/ (JSON, Markdown, SVG) and the results in docs/reliability.md; exits
 * non-zero when a write was lost, a 5xx came after recovery or an integrity check failed.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { clusterCampaign, fullPlan, quickPlan, type PhaseResult } from './lib/chaos/campaign.ts';
import { sqliteCampaign } from './lib/chaos/campaign.ts';
import { updateDocs, writeReport } from './lib/chaos/report.ts';
import { root } from './lib/processes.ts';

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, out: { type: 'string' } } });
const plan = flags.quick ? quickPlan : fullPlan;
const only = new Set((flags.only ?? 'cluster,sqlite').split(','));
const outDir = path.resolve(flags.out ?? path.join(root, 'bench/results', flags.quick ? 'chaos-quick' : 'chaos'));
const logDir = path.join(os.tmpdir(), 'yat-chaos-logs');
const note = (m: string) => process.stderr.write(`${m}\n`);

const started = Date.now();
const loadAverage = os.loadavg();
note(`Chaos campaign (${flags.quick ? 'quick' : 'full'}) → ${path.relative(root, outDir)}; server logs in ${logDir}`);
const phases: PhaseResult[] = [];
if (only.has('cluster')) phases.push(await clusterCampaign(plan, logDir, note));
if (only.has('sqlite')) phases.push(await sqliteCampaign(plan, logDir, note));
const report = {
  meta: { date: new Date(started).toISOString(), mode: flags.quick ? 'quick' : 'full', seconds: Math.round((Date.now() - started) / 1000), node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', loadAverage, plan },
  phases,
};
writeReport(outDir, report);
if (!flags.quick && !flags.only && !flags.out) updateDocs(path.join(root, 'docs/reliability.md'), outDir, report);

let failed = false;
for (const p of phases) {
  note(`${p.deployment}: ${p.faults.length} faults, ${p.requests} requests, ${p.writes.checked} acknowledged writes checked, ${p.writes.lost} lost, ${p.fiveXxAfterRecovery} 5xx after recovery${p.integrityChecks ? `, integrity_check ok ${p.integrityChecks.ok}/${p.integrityChecks.runs}` : ''}`);
  if (p.writes.lost || p.fiveXxAfterRecovery || (p.integrityChecks && p.integrityChecks.ok !== p.integrityChecks.runs)) failed = true;
}
note(`done in ${report.meta.seconds} s`);
process.exitCode = failed ? 1 : 0;
