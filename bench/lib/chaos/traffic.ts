import crypto from 'node:crypto';
import type { Pool } from 'undici';
import { syntheticResident } from '@yat/server/identity/synthetic-registry.ts';
import { browse, createJar, createTarget, type Target } from '../http.ts';
import { exchangeCode, FlowError, pushAuthorization, userinfo, type Endpoints, type Rp } from '../rp.ts';
import type { SmsSink } from '../sms-sink.ts';
import { registerBenchWallet, walletApprove, walletDescribe, type BenchWallet } from '../wallet.ts';

/** Every resident of the seeded population has registered. */
class PopulationExhausted extends Error {
  constructor() {
    super('every synthetic resident of the population is registered');
  }
}

/**
 * The chaos campaign's steady load: virtual residents registering wallets and logging in to
 * a service, through the load balancer, while faults are injected. Every request's start, end
 * and status is kept (the timeline and the "5xx after recovery" count are computed from them),
 * and every write the platform acknowledged is written down to be checked afterwards:
 * a registration (201 from /complete), an approval (200 "approved"), a grant (tokens from the
 * token endpoint).
 */
export type RequestRecord = { start: number; end: number; status: number; path: string };
export type Acked = {
  registrations: Array<{ residentId: string; credentialId: string }>;
  approvals: Array<{ token: string; residentId: string; clientId: string; shared: string[] }>;
  grants: Array<{ refreshToken: string; residentId: string; clientId: string }>;
};
export type FlowRecord = { kind: 'login' | 'registration'; vu: number; start: number; end: number; ok: boolean; error?: string };

export type Traffic = {
  target: Target;
  requests: RequestRecord[];
  flows: FlowRecord[];
  acked: Acked;
  wallets: BenchWallet[];
  /** ms since the campaign's clock started. */
  now(): number;
  /** Runs `logins` + `registrations` virtual residents until `stop()`. */
  run(opts: { logins: number; registrations: number; pauseMs?: number }): { stop(): Promise<void> };
  registerWallet(): Promise<BenchWallet>;
  close(): Promise<void>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function walletLinkIn(page: string): string {
  const m = page.match(/href="([^"]+)"[^>]*data-wallet-link/);
  if (!m) throw new FlowError('no data-wallet-link on the sign-in page');
  return m[1]!.replaceAll('&amp;', '&');
}

function redirect(step: string, res: { status: number; location?: string; body: string }, to?: (l: string) => boolean): string {
  if (res.status < 300 || res.status >= 400 || !res.location || (to && !to(res.location))) throw new FlowError(`${step}: HTTP ${res.status} ${res.location ?? res.body.slice(0, 120)}`);
  return res.location;
}

export function createTraffic(opts: { publicOrigin: string; origin: string; rp: Rp; endpoints: Endpoints; sms: SmsSink; population: number; clock0?: number; connections?: number }): Traffic {
  const t0 = opts.clock0 ?? performance.now();
  const now = () => performance.now() - t0;
  const requests: RequestRecord[] = [];
  const flows: FlowRecord[] = [];
  const acked: Acked = { registrations: [], approvals: [], grants: [] };
  const wallets: BenchWallet[] = [];
  const raw = createTarget(opts.publicOrigin, [opts.origin], { connections: opts.connections ?? 32, behindProxy: true });
  // Every request through the pool is recorded: start, end, status (0 = no response at all).
  const pool = raw.pools[0]!;
  const recording = {
    async request(o: Parameters<Pool['request']>[0]) {
      const rec: RequestRecord = { start: now(), end: 0, status: 0, path: String(o.path).split('?')[0]!.replace(/[A-Za-z0-9_-]{20,}/g, '…') };
      requests.push(rec);
      try {
        const res = await pool.request(o);
        rec.status = res.statusCode;
        return res;
      } finally {
        rec.end = now();
      }
    },
    close: () => pool.close(),
  } as unknown as Pool;
  const target: Target = { ...raw, pools: [recording] };

  const usedPhones = new Set<string>();
  let nextPerson = crypto.randomInt(0, opts.population);
  // The next resident of the seeded population not registered yet; none once all are (a
  // registration client then stops, as the city would have run out of newcomers).
  const person = () => {
    for (let tried = 0; tried < opts.population; tried++) {
      const r = syntheticResident(nextPerson++ % opts.population);
      if (usedPhones.has(r.phone)) continue;
      usedPhones.add(r.phone);
      return r;
    }
    return undefined;
  };

  async function registerWallet(who = person()): Promise<BenchWallet> {
    if (!who) throw new PopulationExhausted();
    const w = await registerBenchWallet(target, opts.sms, who);
    acked.registrations.push({ residentId: w.residentId, credentialId: w.credential.credentialId });
    wallets.push(w);
    return w;
  }

  async function login(w: BenchWallet): Promise<void> {
    const { rp, endpoints } = opts;
    const jar = createJar();
    const { url, checks } = await pushAuthorization(target, 0, rp, endpoints);
    const interaction = redirect('authorize', await browse(target, 0, jar, url), (l) => l.includes('/interaction/'));
    const page = await browse(target, 0, jar, interaction);
    if (page.status !== 200) throw new FlowError(`login_page: HTTP ${page.status}`);
    const { token, view } = await walletDescribe(target, 0, walletLinkIn(page.body));
    // The resident reads the two-digit code off the sign-in page and picks it in the wallet.
    const code = page.body.match(/data-verification-code>(\d{2})</)?.[1];
    if (!code) throw new FlowError('no data-verification-code on the sign-in page');
    await walletApprove(target, 0, w, token, view, code);
    acked.approvals.push({ token, residentId: w.residentId, clientId: rp.clientId, shared: view.fields.map((f) => f.name) });
    const status = await browse(target, 0, jar, `${interaction}/status`, { headers: { accept: 'application/json' } });
    if (!status.body.includes('"approved"')) throw new FlowError(`status: HTTP ${status.status} ${status.body.slice(0, 100)}`);
    const resume = redirect('continue', await browse(target, 0, jar, `${interaction}/continue`));
    const callback = redirect('resume', await browse(target, 0, jar, resume), (l) => l.startsWith(rp.redirectUri));
    const tokens = await exchangeCode(target, 0, rp, endpoints, callback, checks);
    if (!tokens.refresh_token) throw new FlowError('token: no refresh token');
    acked.grants.push({ refreshToken: tokens.refresh_token, residentId: w.residentId, clientId: rp.clientId });
    await userinfo(target, 0, endpoints, tokens.access_token);
  }

  async function flow(kind: FlowRecord['kind'], vu: number, fn: () => Promise<unknown>): Promise<boolean> {
    const rec: FlowRecord = { kind, vu, start: now(), end: 0, ok: false };
    try {
      await fn();
      rec.ok = true;
    } catch (err) {
      rec.error = (err instanceof Error ? err.message : String(err)).slice(0, 200);
    }
    rec.end = now();
    flows.push(rec);
    return rec.ok;
  }

  function run(r: { logins: number; registrations: number; pauseMs?: number }) {
    let stopping = false;
    let vus = 0;
    const vu = async (kind: FlowRecord['kind']) => {
      const id = vus++;
      while (!stopping) {
        let ok: boolean;
        if (kind === 'registration') {
          const who = person();
          if (!who) return;
          ok = await flow(kind, id, () => registerWallet(who));
        }
        else {
          const w = wallets.filter((x) => !x.busy)[crypto.randomInt(0, Math.max(1, wallets.filter((x) => !x.busy).length))];
          if (!w) {
            await sleep(100);
            continue;
          }
          w.busy = true;
          ok = await flow(kind, id, () => login(w)).finally(() => (w.busy = false));
        }
        // A client whose request failed tries again shortly, as a browser or a service would.
        await sleep(ok ? (r.pauseMs ?? 0) : 200);
      }
    };
    const running = [...Array.from({ length: r.logins }, () => vu('login')), ...Array.from({ length: r.registrations }, () => vu('registration'))];
    return {
      async stop() {
        stopping = true;
        await Promise.all(running);
      },
    };
  }

  return { target, requests, flows, acked, wallets, now, run, registerWallet, close: () => pool.close() };
}
