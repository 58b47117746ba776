import fs from 'node:fs';
import path from 'node:path';
import { timelineChart, type Mark } from '../svg.ts';
import type { Fault, PhaseResult, Plan } from './campaign.ts';

/**
 * The chaos campaign's report: results.json (everything, with the per-request timeline
 * summarised per second), results.md (the figures), one SVG per deployment (throughput and
 * errors over time, faults marked), and the "Chaos campaign" results in docs/reliability.md
 * between its markers.
 */
export type ChaosReport = { meta: { date: string; mode: string; seconds: number; node: string; cpus: number; cpuModel: string; loadAverage: number[]; plan: Plan }; phases: PhaseResult[] };

const faultColor: Record<Fault['kind'], string> = { kill: '#d4351c', 'postgres-restart': '#1d70b8', 'redis-restart': '#f47738', 'sqlite-kill': '#d4351c' };
const faultLabel: Record<Fault['kind'], string> = { kill: 'kill -9 of an instance', 'postgres-restart': 'PostgreSQL restart', 'redis-restart': 'Redis restart', 'sqlite-kill': 'kill -9, down until restarted' };

const n = (v: number) => v.toLocaleString('en-US');
const ms = (v: number | undefined) => (v === undefined ? '–' : `${(v / 1000).toFixed(1)} s`);
const slug = (p: PhaseResult) => (p.deployment.includes('SQLite') ? 'sqlite' : 'cluster');

function chart(p: PhaseResult): string {
  const marks: Mark[] = p.faults.map((f) => ({ from: f.at / 1000, to: f.kind === 'kill' ? f.at / 1000 : f.recoveredAt / 1000, label: faultLabel[f.kind], color: faultColor[f.kind] }));
  return timelineChart({
    title: `Chaos: ${p.deployment}`,
    unit: 'per second',
    seconds: p.timeline.length,
    lines: [
      { name: 'requests answered (< 500)', color: '#00703c', values: p.timeline.map((b) => b.ok) },
      { name: 'completed flows ×10', color: '#4c2c92', values: p.timeline.map((b) => b.flowsOk * 10) },
      { name: '5xx', color: '#d4351c', values: p.timeline.map((b) => b.fiveXx) },
      { name: 'no response', color: '#505a5f', values: p.timeline.map((b) => b.noResponse) },
    ],
    marks,
  });
}

function recoveryLines(p: PhaseResult): string[] {
  const out: string[] = [];
  const kills = p.faults.filter((f) => f.kind === 'kill' || f.kind === 'sqlite-kill');
  if (kills.length) {
    const restart = kills.map((f) => f.detail.restartMs ?? 0).sort((a, b) => a - b);
    out.push(`| ${kills[0]!.kind === 'kill' ? 'instance killed → started again and ready (others serve meanwhile)' : 'process killed → started again and ready'} | ${kills.length} | median ${ms(restart[Math.floor(restart.length / 2)])}, max ${ms(restart.at(-1))} |`);
  }
  for (const f of p.faults.filter((x) => x.kind === 'postgres-restart' || x.kind === 'redis-restart')) {
    out.push(`| ${f.target} restart: down for ${ms(f.detail.downMs)}; service back through HAProxy after it was up | 1 | ${ms(f.detail.serviceBackAfterUpMs)} (every instance ready: ${ms(f.detail.allInstancesReadyAfterUpMs)}) |`);
  }
  return out;
}

export function markdown(r: ChaosReport, chartDir: string): string {
  const lines: string[] = [
    `Run ${r.meta.date} (${r.meta.mode}), ${r.meta.seconds} s, Node ${r.meta.node}, ${r.meta.cpus} × ${r.meta.cpuModel}; machine load average at the start ${r.meta.loadAverage.map((v) => v.toFixed(1)).join(' / ')} (shared with other work).`,
    `Planned: ${r.meta.plan.kills} instance kills (${r.meta.plan.instances} instances, ${r.meta.plan.loginVus} residents logging in and ${r.meta.plan.registrationVus} registering without pause), a PostgreSQL and a Redis restart, ${r.meta.plan.sqliteKills} kills of the SQLite process; each kill phase is bounded in time (${r.meta.plan.killPhaseMaxMs / 1000} s and ${r.meta.plan.sqlitePhaseMaxMs / 1000} s), so on a busy machine, where a restart is slow, fewer kills may be injected — the table says how many were.`,
    '',
    '| deployment | faults injected | requests | flows ok / failed (failed outside a fault) | failed flows whose client retried with success | acknowledged writes checked | lost | 5xx (all) | 5xx after recovery |',
    '|---|---|---|---|---|---|---|---|---|',
    ...r.phases.map((p) => {
      const kinds = Object.entries(p.faults.reduce<Record<string, number>>((m, f) => ((m[faultLabel[f.kind]] = (m[faultLabel[f.kind]] ?? 0) + 1), m), {}))
        .map(([k, v]) => `${v} × ${k}`)
        .join(', ');
      return `| ${p.deployment} | ${p.faults.length}: ${kinds} | ${n(p.requests)} | ${n(p.flows.ok)} / ${n(p.flows.failed)} (${p.flows.failedOutsideFaults}) | ${n(p.flows.retriedOk)} (at most ${p.flows.retryMaxAttempts} attempts) | ${n(p.writes.checked)} (${p.writes.byKind.registrations.checked} registrations, ${p.writes.byKind.approvals.checked} approvals, ${p.writes.byKind.grants.checked} grants) | **${p.writes.lost}** | ${p.responses5xx} | **${p.fiveXxAfterRecovery}** |`;
    }),
    '',
  ];
  for (const p of r.phases) {
    lines.push(`### ${p.deployment}`, '', '| recovery | times | figure |', '|---|---|---|', ...recoveryLines(p), '');
    if (p.integrityChecks) lines.push(`\`PRAGMA integrity_check\` after every kill: ${p.integrityChecks.ok} of ${p.integrityChecks.runs} \`ok\`${p.integrityChecks.results.some((x) => x !== 'ok') ? ` (${p.integrityChecks.results.join('; ')})` : ''}.`, '');
    const failures = Object.entries(p.failuresByRoute);
    if (failures.length) lines.push(`Failed requests by status and route (0 = no response: the connection was cut): ${failures.map(([k, v]) => `${k} × ${v}`).join(', ')}.`, '');
    if (p.fiveXxAfterRecoveryExamples.length) lines.push(`5xx after recovery: ${p.fiveXxAfterRecoveryExamples.join('; ')}.`, '');
    if (p.writes.examples.length) lines.push(`Lost: ${p.writes.examples.join('; ')}.`, '');
    lines.push(`![Throughput and errors over time, ${p.deployment}](${chartDir}/${slug(p)}.svg)`, '');
  }
  return lines.join('\n');
}

export function writeReport(dir: string, r: ChaosReport): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'results.json'), `${JSON.stringify(r, null, 1)}\n`);
  for (const p of r.phases) fs.writeFileSync(path.join(dir, `${slug(p)}.svg`), chart(p));
  fs.writeFileSync(path.join(dir, 'results.md'), `# Chaos campaign results\n\n${markdown(r, '.')}`);
}

/** Rewrites the results between the chaos markers of docs/reliability.md. */
export function updateDocs(doc: string, dir: string, r: ChaosReport): void {
  const text = fs.readFileSync(doc, 'utf8');
  const start = '<!-- chaos:start -->';
  const end = '<!-- chaos:end -->';
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${doc} has no ${start} … ${end} section`);
  const rel = path.relative(path.dirname(doc), dir);
  fs.writeFileSync(doc, `${text.slice(0, i + start.length)}\n${markdown(r, rel)}\nRaw data: [${rel}/results.json](${rel}/results.json).\n${text.slice(j)}`);
}
