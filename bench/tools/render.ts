/**
 * `node bench/tools/render.ts [bench/results]`: rewrites results.md, the charts and the
 * results section of docs/benchmarks.md from an existing results.json (no new measurement).
 */
import fs from 'node:fs';
import path from 'node:path';
import { root } from '../lib/processes.ts';
import { updateDocs, writeReport, type Report } from '../lib/report.ts';

const dir = path.resolve(process.argv[2] ?? path.join(root, 'bench/results'));
const rep = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as Report & { targets?: unknown };
delete rep.targets;
writeReport(dir, rep);
if (rep.meta.mode === 'full') updateDocs(path.join(root, 'docs/benchmarks.md'), dir);
process.stderr.write(`rendered ${path.relative(root, dir)}\n`);
