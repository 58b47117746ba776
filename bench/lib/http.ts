import { Pool } from 'undici';

/**
 * The load generator's HTTP layer: undici connection pools (keep-alive, no pipelining, like
 * browsers and RPs behind one load balancer) and a tiny cookie jar. Yat runs in production
 * mode behind a "TLS-terminating proxy": its issuer is an https URL, and every request carries
 * the Host and X-Forwarded-Proto a proxy would add (TRUST_PROXY=true), over plain HTTP to
 * 127.0.0.1. The generator therefore maps the public origin onto one of the instances.
 */
export type Target = {
  /** The public origin the platform believes it has (its ISSUER). */
  publicOrigin: string;
  /** Instances (http://127.0.0.1:port) the "load balancer" spreads browsers over. */
  pools: Pool[];
  /** Extra headers every request carries (the proxy's). */
  proxyHeaders: Record<string, string>;
};

export function createTarget(publicOrigin: string, instances: string[], opts: { connections?: number; behindProxy: boolean }): Target {
  const host = new URL(publicOrigin).host;
  return {
    publicOrigin,
    pools: instances.map((o) => new Pool(o, { connections: opts.connections ?? 64, pipelining: 1, keepAliveTimeout: 30_000 })),
    proxyHeaders: opts.behindProxy ? { host, 'x-forwarded-proto': 'https' } : {},
  };
}

export async function closeTarget(t: Target): Promise<void> {
  await Promise.all(t.pools.map((p) => p.close()));
}

export type Response = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

export type Request = { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string };

/** One request to `url` (a public URL of the target) on instance `instance` (sticky per browser). */
export async function send(t: Target, instance: number, url: string, req: Request = {}): Promise<Response> {
  const u = new URL(url);
  if (u.origin !== t.publicOrigin) throw new Error(`not a URL of the platform under test: ${url}`);
  const pool = t.pools[instance % t.pools.length]!;
  const res = await pool.request({
    method: req.method ?? 'GET',
    path: u.pathname + u.search,
    headers: { ...t.proxyHeaders, ...req.headers },
    body: req.body,
  });
  const body = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body };
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

export function header(res: Response, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * A browser's cookies for one origin: name → value with its path. Enough for the login
 * flow's cookies (session, interaction, resume, binding); the Secure attribute is honoured
 * by sending over the proxy's https, which is what the platform sees.
 */
export function createJar() {
  const cookies = new Map<string, { value: string; path: string }>();
  return {
    store(res: Response) {
      const set = res.headers['set-cookie'];
      for (const line of Array.isArray(set) ? set : set ? [set] : []) {
        const [pair, ...attrs] = line.split(';');
        const eq = pair!.indexOf('=');
        const name = pair!.slice(0, eq).trim();
        const value = pair!.slice(eq + 1).trim();
        let path = '/';
        let expired = value === '';
        for (const a of attrs) {
          const [k, v = ''] = a.trim().split('=');
          const key = k!.toLowerCase();
          if (key === 'path') path = v;
          else if (key === 'max-age' && Number(v) <= 0) expired = true;
          else if (key === 'expires' && Date.parse(v) < Date.now()) expired = true;
        }
        const id = `${name}\n${path}`;
        if (expired) cookies.delete(id);
        else cookies.set(id, { value, path });
      }
    },
    header(url: string): string | undefined {
      const p = new URL(url).pathname;
      const out: string[] = [];
      for (const [id, c] of cookies) if (p === c.path || p.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)) out.push(`${id.split('\n')[0]}=${c.value}`);
      return out.length ? out.join('; ') : undefined;
    },
  };
}

export type Jar = ReturnType<typeof createJar>;

/** A browser request: cookies sent and stored, redirects left to the caller. */
export async function browse(t: Target, instance: number, jar: Jar, url: string, req: Request = {}): Promise<Response & { location?: string }> {
  const cookie = jar.header(url);
  const res = await send(t, instance, url, { ...req, headers: { accept: 'text/html', ...req.headers, ...(cookie ? { cookie } : {}) } });
  jar.store(res);
  const loc = header(res, 'location');
  return { ...res, location: loc ? new URL(loc, url).href : undefined };
}
