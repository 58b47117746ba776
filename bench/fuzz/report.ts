import fs from 'node:fs';
import path from 'node:path';
import type { FuzzStats } from './run.ts';

/**
 * The fuzz campaign's figures: JSON beside the benchmark results, an SVG of the server's
 * memory over the run, and a section of docs/reliability.md between its fuzz markers.
 */
export type RssSample = { requests: number; mb: number };
export type FuzzReport = {
  date: string;
  database: string;
  seed: number;
  routes: number;
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  byStatus: Record<string, number>;
  fiveHundreds: number;
  leaks: number;
  transportErrors: number;
  crashed: boolean;
  rssMb: { first: number; peak: number; last: number };
  failures: FuzzStats['failures'];
};

export function writeFuzzReport(o: { root: string; seed: number; routes: number; stats: FuzzStats; rss: RssSample[]; crashed: boolean; database: string; logFile: string }): FuzzReport {
  const { stats } = o;
  const five = Object.entries(stats.byStatus).filter(([s]) => Number(s) >= 500).reduce((n, [, c]) => n + c, 0);
  const report: FuzzReport = {
    date: new Date().toISOString().slice(0, 10),
    database: o.database,
    seed: o.seed,
    routes: o.routes,
    requests: stats.sent,
    seconds: Math.round(stats.seconds),
    requestsPerSecond: Math.round(stats.sent / Math.max(stats.seconds, 0.001)),
    byStatus: stats.byStatus,
    fiveHundreds: five,
    leaks: stats.failures.filter((f) => f.status < 500).length,
    transportErrors: stats.transportErrors,
    crashed: o.crashed,
    rssMb: { first: o.rss[0]?.mb ?? 0, peak: Math.max(0, ...o.rss.map((r) => r.mb)), last: o.rss.at(-1)?.mb ?? 0 },
    failures: stats.failures.slice(0, 20),
  };
  const results = path.join(o.root, 'bench/results');
  fs.mkdirSync(results, { recursive: true });
  fs.writeFileSync(path.join(results, 'fuzz.json'), `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(results, 'fuzz-memory.svg'), memoryChart(o.rss));
  updateDoc(path.join(o.root, 'docs/reliability.md'), markdown(report));
  return report;
}

function markdown(r: FuzzReport): string {
  const statuses = Object.entries(r.byStatus)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([s, n]) => `${s}: ${n.toLocaleString('en')}`)
    .join(' · ');
  return `Last full run: ${r.date}, \`npm run fuzz -- --requests ${r.requests} --seed ${r.seed}\` on ${r.database}, ${r.routes} routes from the server's route table.

| figure | value |
|---|---|
| requests sent | ${r.requests.toLocaleString('en')} in ${r.seconds} s (${r.requestsPerSecond} per second) |
| 5xx answers | **${r.fiveHundreds}** |
| answers showing a stack trace or internal detail | **${r.leaks}** |
| crashes | **${r.crashed ? 1 : 0}** |
| server memory (RSS) at the first sample, peak, last | ${r.rssMb.first} MB, ${r.rssMb.peak} MB, ${r.rssMb.last} MB |
| requests refused before any route (client or Node's HTTP parser) | ${r.transportErrors.toLocaleString('en')} |

Answers by status: ${statuses}.

![Server memory over the fuzz run](../bench/results/fuzz-memory.svg)
`;
}

function updateDoc(file: string, section: string): void {
  const start = '<!-- fuzz:start -->';
  const end = '<!-- fuzz:end -->';
  const doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Reliability\n';
  const block = `${start}\n${section}${end}`;
  const next = doc.includes(start) ? doc.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block) : `${doc.trimEnd()}\n\n## Fuzz campaign\n\n${block}\n`;
  fs.writeFileSync(file, next);
}

/** A line chart of RSS (MB) against requests sent. */
function memoryChart(rss: RssSample[]): string {
  const w = 640;
  const h = 240;
  const pad = { l: 56, r: 16, t: 32, b: 40 };
  const maxX = Math.max(1, ...rss.map((r) => r.requests));
  const maxY = Math.max(100, ...rss.map((r) => r.mb)) * 1.15;
  const x = (v: number) => pad.l + (v / maxX) * (w - pad.l - pad.r);
  const y = (v: number) => h - pad.b - (v / maxY) * (h - pad.t - pad.b);
  const points = rss.map((r) => `${x(r.requests).toFixed(1)},${y(r.mb).toFixed(1)}`).join(' ');
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(maxY * f));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-labelledby="t">
<title id="t">Server memory (RSS, MB) over ${maxX.toLocaleString('en')} fuzz requests</title>
<rect width="${w}" height="${h}" fill="#fff"/>
<text x="${pad.l}" y="20" font-family="sans-serif" font-size="14">Server memory (RSS, MB) while fuzzing</text>
${yTicks.map((t) => `<line x1="${pad.l}" x2="${w - pad.r}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/><text x="${pad.l - 6}" y="${y(t) + 4}" text-anchor="end" font-family="sans-serif" font-size="11">${t}</text>`).join('\n')}
<polyline fill="none" stroke="#0b5cad" stroke-width="2" points="${points}"/>
<text x="${(pad.l + w - pad.r) / 2}" y="${h - 8}" text-anchor="middle" font-family="sans-serif" font-size="11">requests sent (${maxX.toLocaleString('en')})</text>
</svg>
`;
}
