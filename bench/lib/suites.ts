import type { Deployment } from './deployments.ts';
import { bareLogin, get, yatLogin, type FlowEnv } from './flows.ts';
import { closedLoop, openLoop } from './load.ts';
import type { Recorder } from './recorder.ts';
import { clientCredentials, refresh, userinfo, FlowError, type Tokens } from './rp.ts';
import { measure, skipped, type ScenarioMeta, type ScenarioResult } from './scenario.ts';
import { send } from './http.ts';
import type { BenchWallet } from './wallet.ts';

/** Timings of one run: `--quick` shortens every window. */
export type Timing = { warmupMs: number; loginMs: number; shortMs: number; concurrency: number };

type Base = Omit<ScenarioMeta, 'id' | 'kind' | 'concurrency'>;

const metaOf = (base: Base, d: Deployment, kind: ScenarioMeta['kind'], concurrency: number | string): ScenarioMeta => ({
  ...base,
  id: `${d.label}.${kind}`,
  kind,
  concurrency,
});

/** Wallets are lent to one login at a time: a phone approves one request after another. */
function walletPool(wallets: BenchWallet[]) {
  const free = [...wallets];
  return {
    take(): BenchWallet {
      const w = free.shift();
      if (!w) throw new FlowError('no free wallet (more concurrent logins than wallets)');
      return w;
    },
    give(w: BenchWallet) {
      free.push(w);
    },
  };
}

function keepTokens(d: Deployment, t: Tokens, max: number) {
  d.tokens.push(t);
  if (d.tokens.length > max) d.tokens.shift();
}

async function oneLogin(d: Deployment, env: FlowEnv, pool: ReturnType<typeof walletPool> | undefined, vu: number): Promise<Tokens> {
  if (!pool) return bareLogin(env, vu);
  const w = pool.take();
  try {
    return await yatLogin(env, vu, w);
  } finally {
    pool.give(w);
  }
}

/** Peak: a closed loop of `concurrency` residents logging in one after another. */
export async function loginPeak(d: Deployment, base: Base, timing: Timing, idSuffix = ''): Promise<ScenarioResult> {
  const pool = d.database === 'memory' ? undefined : walletPool(d.wallets);
  const meta = metaOf(base, d, 'login', timing.concurrency);
  meta.id += idSuffix;
  return measure(
    meta,
    d.servers,
    (rec, hooks) => {
      const env: FlowEnv = { t: d.target, rp: d.rp, endpoints: d.endpoints, rec };
      return closedLoop(rec, { concurrency: timing.concurrency, warmupMs: timing.warmupMs, durationMs: timing.loginMs, ...hooks }, async (vu) => {
        keepTokens(d, await oneLogin(d, env, pool, vu), timing.concurrency * 4);
      });
    },
    d,
  );
}

/** The latency residents see at 70% of the measured peak: logins arrive at a fixed rate. */
export async function loginAtRate(d: Deployment, base: Base, timing: Timing, rate: number): Promise<ScenarioResult> {
  const pool = d.database === 'memory' ? undefined : walletPool(d.wallets);
  return measure(metaOf(base, d, 'login_70', `${Math.round(rate)}/s`), d.servers, (rec, hooks) => {
    const env: FlowEnv = { t: d.target, rp: d.rp, endpoints: d.endpoints, rec };
    return openLoop(rec, { rate, warmupMs: timing.warmupMs, durationMs: timing.loginMs, maxInFlight: d.wallets.length || 512, ...hooks }, async (n) => {
      keepTokens(d, await oneLogin(d, env, pool, n), timing.concurrency * 4);
    });
  }, d);
}

function loop(d: Deployment, timing: Timing, rec: Recorder, hooks: object, body: (vu: number) => Promise<void>) {
  return closedLoop(rec, { concurrency: timing.concurrency, warmupMs: Math.min(timing.warmupMs, 2000), durationMs: timing.shortMs, ...hooks }, body);
}

/** Refresh-token grants with rotation: each virtual client follows its own chain. */
export async function refreshGrants(d: Deployment, base: Base, timing: Timing): Promise<ScenarioResult> {
  const meta = metaOf(base, d, 'refresh', timing.concurrency);
  const chains = d.tokens.filter((t) => t.refresh_token).slice(-timing.concurrency);
  if (chains.length < timing.concurrency) return skipped(meta, `only ${chains.length} refresh tokens from the login scenario`);
  d.tokens = chains;
  return measure(meta, d.servers, (rec, hooks) =>
    loop(d, timing, rec, hooks, async (vu) => {
      const s = performance.now();
      chains[vu] = await refresh(d.target, vu, d.rp, d.endpoints, chains[vu]!.refresh_token!);
      rec.record('refresh', performance.now() - s);
    }),
    d,
  );
}

export async function clientCredentialGrants(d: Deployment, base: Base, timing: Timing): Promise<ScenarioResult> {
  return measure(metaOf(base, d, 'client_credentials', timing.concurrency), d.servers, (rec, hooks) =>
    loop(d, timing, rec, hooks, async (vu) => {
      const s = performance.now();
      await clientCredentials(d.target, vu, d.rp, d.endpoints);
      rec.record('client_credentials', performance.now() - s);
    }),
    d,
  );
}

export async function userinfoCalls(d: Deployment, base: Base, timing: Timing): Promise<ScenarioResult> {
  const meta = metaOf(base, d, 'userinfo', timing.concurrency);
  const tokens = d.tokens.map((t) => t.access_token);
  if (!tokens.length) return skipped(meta, 'no access tokens from the login scenario');
  return measure(meta, d.servers, (rec, hooks) =>
    loop(d, timing, rec, hooks, async (vu) => {
      const s = performance.now();
      await userinfo(d.target, vu, d.endpoints, tokens[vu % tokens.length]!);
      rec.record('userinfo', performance.now() - s);
    }),
    d,
  );
}

export async function staticGet(d: Deployment, base: Base, timing: Timing, kind: 'discovery' | 'jwks'): Promise<ScenarioResult> {
  const url = kind === 'discovery' ? d.endpoints.discovery : d.endpoints.jwks;
  return measure(metaOf(base, d, kind, timing.concurrency), d.servers, (rec, hooks) => loop(d, timing, rec, hooks, (vu) => get(d.target, vu, rec, kind, url)), d);
}

/**
 * The portal's catalogue search and a service page, found by probing: the portal is being
 * built alongside the bench, so its paths are discovered, not assumed.
 */
export async function portalPages(d: Deployment, base: Base, timing: Timing): Promise<ScenarioResult[]> {
  const searchMeta = metaOf(base, d, 'portal_search', timing.concurrency);
  const pageMeta = metaOf(base, d, 'portal_service', timing.concurrency);
  const found = await probePortal(d);
  if (!found) return [skipped(searchMeta, 'no portal catalogue search with service links found (GET /search?q=…)'), skipped(pageMeta, 'no portal service page found')];
  const out = [await measure(searchMeta, d.servers, (rec, hooks) => loop(d, timing, rec, hooks, (vu) => get(d.target, vu, rec, 'portal_search', found.search, 'text/html')), d)];
  out.push(found.page ? await measure(pageMeta, d.servers, (rec, hooks) => loop(d, timing, rec, hooks, (vu) => get(d.target, vu, rec, 'portal_service', found.page!, 'text/html')), d) : skipped(pageMeta, 'no service link in the search results'));
  return out;
}

async function probePortal(d: Deployment): Promise<{ search: string; page?: string } | undefined> {
  const o = d.target.publicOrigin;
  const candidates = (process.env.BENCH_PORTAL_SEARCH ?? '/search?q=licence,/search?q=tax,/services?q=licence').split(',');
  for (const c of candidates) {
    const res = await send(d.target, 0, `${o}${c}`, { headers: { accept: 'text/html' } });
    if (res.status !== 200) continue;
    const link = res.body.match(/href="(\/services\/[a-z0-9][^"?#]*)/i)?.[1];
    if (link) return { search: `${o}${c}`, page: `${o}${link}` };
  }
  return undefined;
}
