import fs from 'node:fs';
import path from 'node:path';
import type { ProfileSummary } from './profile.ts';
import type { ScenarioResult } from './scenario.ts';
import { hbarChart } from './svg.ts';

/**
 * Writes a run's results: results.json (everything), results.md (tables, targets, profile)
 * and the SVG charts, all in one directory (bench/results/ for a full run).
 */
export type Report = {
  meta: Record<string, unknown> & { date: string; mode: string; seconds: number };
  results: ScenarioResult[];
  profile: ProfileSummary[] | undefined;
};

const LOGIN_STEPS = ['par', 'authorize', 'login_page', 'wallet_request', 'wallet_approve', 'status', 'continue', 'resume', 'token', 'userinfo', 'flow_server', 'flow'];
const SHARED = ['refresh', 'client_credentials', 'userinfo', 'discovery', 'jwks'] as const;

const mainStep = (r: ScenarioResult) => r.steps.flow ?? r.steps[r.kind] ?? Object.values(r.steps)[0];
const find = (rs: ScenarioResult[], pred: (r: ScenarioResult) => boolean) => rs.filter((r) => !r.skipped && pred(r)).at(-1);
const maxRss = (r: ScenarioResult) => Math.max(0, ...Object.values(r.peakRssMb));

export type Target = { what: string; target: string; measured: string; met: boolean | undefined };

export function targets(rs: ScenarioResult[]): Target[] {
  const largest = Math.max(0, ...rs.filter((r) => r.system === 'yat' && r.database === 'sqlite').map((r) => r.residents));
  const sqlite = (kind: string) => find(rs, (r) => r.system === 'yat' && r.database === 'sqlite' && r.kind === kind && r.residents === largest);
  const bare = (kind: string) => find(rs, (r) => r.system === 'bare' && r.kind === kind);
  const out: Target[] = [];
  const login = sqlite('login');
  out.push({
    what: `Complete logins per core, SQLite, ${largest.toLocaleString('en')} residents`,
    target: '≥ 300/s',
    measured: login ? `${login.opsPerServerCore}/s per server core (${login.opsPerSec}/s on the machine = ${Math.round(login.opsPerSec / 2)}/s per machine core, server used ${login.serverCores} cores)` : 'not run',
    met: login ? login.opsPerServerCore >= 300 : undefined,
  });
  const pgLargest = Math.max(0, ...rs.filter((r) => r.system === 'yat' && r.database === 'postgres' && r.processes === 1).map((r) => r.residents));
  const pgLogin = find(rs, (r) => r.system === 'yat' && r.database === 'postgres' && r.processes === 1 && r.kind === 'login' && r.residents === pgLargest);
  out.push({
    what: `Complete logins per core, PostgreSQL + Redis, ${pgLargest.toLocaleString('en')} residents, PostgreSQL's CPU counted`,
    target: '≥ 200/s',
    measured: pgLogin ? `${pgLogin.opsPerCoreWithDb ?? '–'}/s per core incl. PostgreSQL (${pgLogin.opsPerServerCore}/s per Yat core)` : 'not run',
    met: pgLogin?.opsPerCoreWithDb !== undefined ? pgLogin.opsPerCoreWithDb >= 200 : undefined,
  });
  const at70 = sqlite('login_70');
  out.push({
    what: 'Whole-flow server p99 at 70% of peak',
    target: '≤ 50 ms',
    measured: at70 ? `${at70.steps.flow_server?.p99} ms server time (wall-clock flow incl. client work p99 ${at70.steps.flow?.p99} ms) at ${at70.concurrency}` : 'not run',
    met: at70 ? (at70.steps.flow_server?.p99 ?? Infinity) <= 50 : undefined,
  });
  const ratios = SHARED.map((k) => {
    const y = sqlite(k);
    const b = bare(k);
    return y && b && b.opsPerServerCore ? { k, ratio: y.opsPerServerCore / b.opsPerServerCore } : undefined;
  }).filter((x) => x !== undefined);
  out.push({
    what: 'Durable Yat vs bare oidc-provider on the shared steps (per server core)',
    target: '≥ 0.8×',
    measured: ratios.length ? ratios.map((x) => `${x.k} ${x.ratio.toFixed(2)}×`).join('; ') : 'not run',
    met: ratios.length ? ratios.every((x) => x.ratio >= 0.8) : undefined,
  });
  const bl = bare('login');
  if (login && bl) {
    out.push({
      what: 'Complete login vs the bare code flow (informational: 11 requests with wallet and database vs 6 in memory)',
      target: '–',
      measured: `Yat ${login.opsPerServerCore}/s vs bare ${bl.opsPerServerCore}/s per server core = ${(login.opsPerServerCore / bl.opsPerServerCore).toFixed(2)}×`,
      met: undefined,
    });
  }
  // Yat processes started as `npm start` starts them; the notifications bench runs Yat inside the generator's own process.
  const rss = rs.filter((r) => r.system === 'yat' && !r.skipped && !r.id.startsWith('notify'));
  const peak = Math.max(0, ...rss.map(maxRss));
  out.push({ what: 'Peak RSS per Yat process under load', target: '≤ 300 MB', measured: rss.length ? `${peak} MB (bare oidc-provider: ${Math.max(0, ...rs.filter((r) => r.system === 'bare').map(maxRss))} MB)` : 'not run', met: rss.length ? peak <= 300 : undefined });
  return out;
}

const sumP50 = (r: ScenarioResult, steps: string[]) => steps.reduce((s, k) => s + (r.steps[k]?.p50 ?? 0), 0);

function markdown(rep: Report): string {
  const rs = rep.results;
  const lines: string[] = [];
  const m = rep.meta;
  lines.push(`# Yat benchmark results (${m.mode})`, '', `Run ${m.date}, ${m.seconds} s, Node ${String(m.node)}, ${String(m.cpus)} × ${String(m.cpuModel)}, ${String(m.memoryGb)} GB. Windows: ${JSON.stringify(m.timing)}.${m.tokenTable ? ` Token table: ${Number(m.tokenTable).toLocaleString('en')} grants and refresh tokens written before the large measurements.` : ''}`, '');
  lines.push('## Targets', '', '| what | target | measured | met |', '|---|---|---|---|');
  for (const t of targets(rs)) lines.push(`| ${t.what} | ${t.target} | ${t.measured} | ${t.met === undefined ? '–' : t.met ? 'yes' : '**no**'} |`);
  lines.push('', '## Scenarios', '', 'ops/s: on the whole machine (the load generator shares the 2 cores). per server core: operations per second of CPU time the server process(es) used — the figure the per-core targets compare with. server / generator cores: CPU the servers and the load generator used during the window (of 2). Latency: client-side, ms; for logins the whole flow (wall clock).', '');
  lines.push('| scenario | db | residents | procs | concurrency | ops/s | per server core | server cores | generator cores | p50 ms | p99 ms | failed | peak RSS MB |', '|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rs) {
    if (r.skipped) {
      lines.push(`| ${r.id} | ${r.database} | ${r.residents.toLocaleString('en')} | ${r.processes} | – | skipped: ${r.skipped} | | | | | | | |`);
      continue;
    }
    const s = mainStep(r);
    lines.push(`| ${r.id} | ${r.database} | ${r.residents.toLocaleString('en')} | ${r.processes} | ${r.concurrency} | ${r.opsPerSec} | ${r.opsPerServerCore}${r.opsPerCoreWithDb ? ` (${r.opsPerCoreWithDb} incl. PostgreSQL)` : ''} | ${r.serverCores} | ${r.seconds ? Math.round((r.generatorCpuSec / r.seconds) * 100) / 100 : ''} | ${s?.p50 ?? ''} | ${s?.p99 ?? ''} | ${r.failed}${r.dropped ? ` (+${r.dropped} dropped)` : ''} | ${Object.values(r.peakRssMb).join(' / ')} |`);
  }
  const logins = rs.filter((r) => (r.kind === 'login' || r.kind === 'login_70') && !r.skipped);
  lines.push('', '## Login flow: latency per step (ms, p50 / p99)', '', `| step | ${logins.map((r) => r.id).join(' | ')} |`, `|---|${logins.map(() => '---').join('|')}|`);
  for (const step of LOGIN_STEPS) {
    if (!logins.some((r) => r.steps[step])) continue;
    lines.push(`| ${step} | ${logins.map((r) => (r.steps[step] ? `${r.steps[step].p50} / ${r.steps[step].p99}` : '–')).join(' | ')} |`);
  }
  lines.push('', '`flow_server` is the sum of the step times of one login: the requests, plus the small client-side work inside a step (signing a client assertion or the wallet\'s WebAuthn assertion, about 0.1 ms each); `flow` is the wall-clock time of the whole login, which adds only the parsing between steps.');
  const errors = rs.filter((r) => Object.keys(r.errors).length);
  if (errors.length) {
    lines.push('', '## Errors', '');
    for (const r of errors) for (const [msg, n] of Object.entries(r.errors)) lines.push(`- ${r.id}: ${n} × \`${msg.replaceAll('`', "'")}\``);
  }
  if (rep.profile?.length) lines.push(...profileSection(rep.profile));
  lines.push('', 'Charts: throughput.svg, login-steps.svg, latency.svg.', '');
  return lines.join('\n');
}

/** Where the server's CPU went in each profiled scenario, then the details of the login's. */
function profileSection(profiles: ProfileSummary[]): string[] {
  const name = (p: ProfileSummary) => p.file.replace(/\.cpuprofile$/, '');
  const buckets = [...new Set(profiles.flatMap((p) => p.byBucket.map((b) => b.name)))];
  const lines = ['', '## CPU profiles of the SQLite server (measured windows only)', '', `| self time, grouped | ${profiles.map(name).join(' | ')} |`, `|---|${profiles.map(() => '---').join('|')}|`];
  for (const b of buckets) lines.push(`| ${b} | ${profiles.map((p) => `${p.byBucket.find((x) => x.name === b)?.share ?? 0}%`).join(' | ')} |`);
  const login = profiles.find((p) => /\.login\./.test(p.file)) ?? profiles[0]!;
  lines.push('', `### ${name(login)}: ${login.busySeconds} s busy`, '', '| on the stack (inclusive, by package or module) | share |', '|---|---|');
  for (const x of login.inclusiveByPackage.slice(0, 20)) lines.push(`| ${x.name} | ${x.share}% |`);
  lines.push('', '| self time by package | share |', '|---|---|');
  for (const x of login.byPackage.slice(0, 15)) lines.push(`| ${x.name} | ${x.share}% |`);
  lines.push('', '| hottest functions (self) | where | share |', '|---|---|---|');
  for (const f of login.topFunctions.slice(0, 15)) lines.push(`| ${f.name} | ${f.where} | ${f.share}% |`);
  return lines;
}

function charts(dir: string, rs: ScenarioResult[]): void {
  const done = rs.filter((r) => !r.skipped && r.ops > 0);
  fs.writeFileSync(
    path.join(dir, 'throughput.svg'),
    hbarChart({
      title: 'Throughput per scenario',
      unit: 'operations / s',
      log: true,
      series: [
        { name: 'per server core', color: '#1f6feb' },
        { name: 'whole machine', color: '#9ecbff' },
      ],
      rows: done.map((r) => ({ label: r.id, values: [r.opsPerServerCore, r.opsPerSec] })),
    }),
  );
  fs.writeFileSync(
    path.join(dir, 'latency.svg'),
    hbarChart({
      title: 'Latency per scenario (whole flow for logins)',
      unit: 'ms',
      log: true,
      series: [
        { name: 'p50', color: '#2da44e' },
        { name: 'p99', color: '#bf3989' },
      ],
      rows: done.map((r) => ({ label: r.id, values: [mainStep(r)?.p50, mainStep(r)?.p99] })),
    }),
  );
  const login = find(rs, (r) => r.system === 'yat' && r.kind === 'login' && r.database === 'sqlite');
  const bare = find(rs, (r) => r.system === 'bare' && r.kind === 'login');
  // The whole flow is in latency.svg; here the steps, on one scale.
  const steps = LOGIN_STEPS.filter((s) => !s.startsWith('flow') && (login?.steps[s] || bare?.steps[s]));
  fs.writeFileSync(
    path.join(dir, 'login-steps.svg'),
    hbarChart({
      title: `Login flow per step: ${login?.id ?? 'Yat'} vs bare oidc-provider`,
      unit: 'ms',
      series: [
        { name: 'Yat p50', color: '#1f6feb' },
        { name: 'Yat p99', color: '#9ecbff' },
        { name: 'bare p50', color: '#d1242f' },
        { name: 'bare p99', color: '#ffaba8' },
      ],
      rows: steps.map((s) => ({ label: s, values: [login?.steps[s]?.p50, login?.steps[s]?.p99, bare?.steps[s]?.p50, bare?.steps[s]?.p99] })),
    }),
  );
}

export function writeReport(dir: string, rep: Report): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'results.json'), `${JSON.stringify({ ...rep, targets: targets(rep.results) }, null, 2)}\n`);
  const md = markdown(rep);
  fs.writeFileSync(path.join(dir, 'results.md'), md);
  charts(dir, rep.results);
}

/** Puts a full run's results into docs/benchmarks.md, between its results markers. */
export function updateDocs(doc: string, resultsDir: string): void {
  if (!fs.existsSync(doc)) return;
  const text = fs.readFileSync(doc, 'utf8');
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) return;
  const rel = path.relative(path.dirname(doc), resultsDir).split(path.sep).join('/');
  const md = fs
    .readFileSync(path.join(resultsDir, 'results.md'), 'utf8')
    .replace(/^# .*\n/, '')
    .replace(/^## /gm, '### ')
    .replace('Charts: throughput.svg, login-steps.svg, latency.svg.', `![Throughput per scenario](${rel}/throughput.svg)\n\n![Login flow per step](${rel}/login-steps.svg)\n\n![Latency per scenario](${rel}/latency.svg)\n\nRaw data: [${rel}/results.json](${rel}/results.json).`);
  fs.writeFileSync(doc, `${text.slice(0, a + start.length)}\n${md.trim()}\n${text.slice(b)}`);
}
