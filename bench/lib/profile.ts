import fs from 'node:fs';
import path from 'node:path';

/**
 * Reads the V8 CPU profiles the server wrote (--cpu-prof) and says where its time went:
 * self time by package (oidc-provider, jose, fastify, node:sqlite, our own modules…) and the
 * hottest functions. Idle time is left out, so shares are of the time the CPU was busy.
 */
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

export type ProfileSummary = {
  file: string;
  busySeconds: number;
  byPackage: Array<{ name: string; share: number; seconds: number }>;
  byBucket: Array<{ name: string; share: number; seconds: number }>;
  /** Share of busy samples with the package anywhere on the (synchronous) stack. */
  inclusiveByPackage: Array<{ name: string; share: number; seconds: number }>;
  topFunctions: Array<{ name: string; where: string; share: number; seconds: number }>;
};

function packageOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native / V8 builtins)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?/, 'node:').split('/').slice(0, 2).join('/');
  const src = url.match(/\/(apps\/[^/]+\/src\/[^/]+|packages\/[^/]+\/src\/[^/]+)/);
  return src ? src[1]!.replace(/\.ts$/, '') : url;
}

/** Coarse buckets of self time, to say "what dominates" in one line. */
function bucketOf(url: string, fn: string): string {
  const pkg = packageOf(url, fn);
  if (url.includes('storage/sqlite-database') || pkg === 'pg' || pkg === 'pg-protocol' || pkg === 'ioredis') return 'database driver (node:sqlite statements / pg / ioredis)';
  if (pkg === 'kysely') return 'Kysely query building';
  if (/^node:crypto|^jose$|simplewebauthn|^@peculiar|^asn1/.test(pkg) || url.includes('/src/crypto/')) return 'crypto (ECDSA, HMAC, hashing, AES)';
  if (/^node:(_http|net|stream|internal\/stream|stream_base|http)/.test(pkg) || /^(writev|writeUtf8String|writeLatin1String|writeBuffer|readv)$/.test(fn)) return 'HTTP and socket I/O';
  if (['oidc-provider', 'koa', 'koa-compose', 'cookies', 'keygrip', 'http-errors', 'statuses', 'content-type', 'raw-body', 'co-body', '@koa/router', 'koa-router', 'paseto', 'quick-lru'].includes(pkg)) return 'oidc-provider + Koa';
  if (/^fastify$|^@fastify|^find-my-way|^avvio|^helmet|^light-my-request|^fast-|^secure-json-parse|^pino|^sonic-boom|^thread-stream|^abstract-logging|^process-warning|^toad-cache|^rfdc|^cookie$|^content-disposition|^mime|^send$/.test(pkg)) return 'Fastify, plugins, logging';
  if (/^qrcode|^dijkstra|^i18next|^negotiator|^minisearch/.test(pkg) || /apps\/server\/src\/(http|i18n|portal)/.test(pkg)) return 'page rendering and search (HTML, QR code, i18n, minisearch)';
  if (pkg === 'zod') return 'validation (zod)';
  if (pkg.startsWith('apps/') || pkg.startsWith('packages/')) return 'Yat application code';
  if (fn === '(garbage collector)') return 'garbage collection';
  if (pkg.startsWith('node:modules') || fn === 'compileSourceTextModule') return 'module loading (start-up)';
  return 'other (V8 builtins, Node internals)';
}

export function summariseProfile(file: string): ProfileSummary {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  const self = new Map<number, number>();
  // A sample's delta spans any time the process was descheduled (a busy shared machine): cap it
  // at twice the typical interval so one stall is not read as 200 ms spent in one function.
  const typical = [...p.timeDeltas].sort((a, b) => a - b)[Math.floor(p.timeDeltas.length / 2)] ?? 1000;
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + Math.min(p.timeDeltas[i] ?? 0, 2 * typical));
  const pkg = new Map<string, number>();
  const buckets = new Map<string, number>();
  const fns = new Map<string, { where: string; us: number }>();
  let busy = 0;
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const { functionName, lineNumber } = n.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    // A native function (node:sqlite's run, a crypto job, writev) counts where it was called from.
    let url = n.callFrame.url;
    for (let at = parent.get(id); !url && !functionName.startsWith('(') && at !== undefined; at = parent.get(at)) url = byId.get(at)!.callFrame.url;
    busy += us;
    const name = packageOf(url, functionName);
    pkg.set(name, (pkg.get(name) ?? 0) + us);
    const b = bucketOf(url, functionName);
    buckets.set(b, (buckets.get(b) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)!.callFrame;
      if (f.url) seen.add(packageOf(f.url, f.functionName));
    }
    for (const s of seen) inclusive.set(s, (inclusive.get(s) ?? 0) + us);
    const key = `${functionName || '(anonymous)'} ${url}:${lineNumber + 1}`;
    const f = fns.get(key) ?? { where: `${path.basename(url) || name}:${lineNumber + 1}`, us: 0 };
    f.us += us;
    fns.set(key, f);
  }
  const share = (us: number) => Math.round((us / busy) * 1000) / 10;
  const secs = (us: number) => Math.round(us / 1e4) / 100;
  return {
    file: path.basename(file),
    busySeconds: secs(busy),
    byPackage: [...pkg].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([name, us]) => ({ name, share: share(us), seconds: secs(us) })),
    byBucket: [...buckets].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, share: share(us), seconds: secs(us) })),
    inclusiveByPackage: [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([name, us]) => ({ name, share: share(us), seconds: secs(us) })),
    topFunctions: [...fns].sort((a, b) => b[1].us - a[1].us).slice(0, 25).map(([key, f]) => ({ name: key.split(' ')[0]!, where: f.where, share: share(f.us), seconds: secs(f.us) })),
  };
}

export function summariseProfiles(dir: string): ProfileSummary[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => summariseProfile(path.join(dir, f)));
}
