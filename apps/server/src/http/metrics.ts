import http from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import client from 'prom-client';
import type { Audit } from '../audit/audit.ts';
import type { Logger } from '../logger.ts';
import { errorReplies, replyOf } from './validate.ts';

/**
 * Prometheus metrics (prom-client): what an operator graphs and alerts on. The names are a
 * contract with deploy/grafana-dashboard.json and docs/operations.md. Labels are route
 * patterns, never URLs, so a scan of random paths cannot blow up the series count.
 */
export type FunnelStep = 'shown' | 'approved' | 'declined' | 'expired' | 'completed';
export type RegistrationOutcome = 'started' | 'verified' | 'completed' | 'failed';

export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const pools: Array<() => { total: number; idle: number; waiting: number }> = [];
  const jobs = new Map<string, { intervalMs: number; lastRunAt: number }>();
  let redis: Redis | undefined;

  const httpRequests = new client.Counter({ name: 'yat_http_requests_total', help: 'HTTP requests answered, by route pattern and status', labelNames: ['method', 'route', 'status'], registers });
  const httpDuration = new client.Histogram({
    name: 'yat_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern',
    labelNames: ['method', 'route'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const funnel = new client.Counter({ name: 'yat_login_funnel_total', help: 'Sign-in requests by step: shown, approved, declined, expired, completed', labelNames: ['step'], registers });
  const registrations = new client.Counter({ name: 'yat_registrations_total', help: 'Self-registration steps by outcome', labelNames: ['outcome'], registers });
  const queryDuration = new client.Histogram({ name: 'yat_db_query_duration_seconds', help: 'Database statement time', buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1], registers });
  new client.Gauge({
    name: 'yat_db_pool_connections',
    help: 'PostgreSQL pool connections by state',
    labelNames: ['state'],
    registers,
    collect() {
      for (const stats of pools) {
        const s = stats();
        this.set({ state: 'total' }, s.total);
        this.set({ state: 'idle' }, s.idle);
        this.set({ state: 'waiting' }, s.waiting);
      }
    },
  });
  new client.Gauge({
    name: 'yat_redis_up',
    help: '1 when the Redis connection is ready, 0 when it is not (absent without REDIS_URL)',
    registers,
    collect() {
      if (redis) this.set(redis.status === 'ready' ? 1 : 0);
    },
  });
  new client.Gauge({
    name: 'yat_background_job_lag_seconds',
    help: 'How far a periodic job is behind its schedule (0 when on time)',
    labelNames: ['job'],
    registers,
    collect() {
      const now = Date.now();
      for (const [job, j] of jobs) this.set({ job }, Math.max(0, (now - j.lastRunAt - j.intervalMs) / 1000));
    },
  });

  return {
    registry,
    httpRequests,
    httpDuration,
    funnel: (step: FunnelStep) => funnel.inc({ step }),
    registration: (outcome: RegistrationOutcome) => registrations.inc({ outcome }),
    query: (ms: number) => queryDuration.observe(ms / 1000),
    watchPool: (stats: () => { total: number; idle: number; waiting: number }) => void pools.push(stats),
    watchRedis: (r: Redis | undefined) => void (redis = r),
    /** A periodic job reports each run; its lag is how late the next one is. */
    job(name: string, intervalMs: number) {
      jobs.set(name, { intervalMs, lastRunAt: Date.now() });
      return () => void (jobs.get(name)!.lastRunAt = Date.now());
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * Counts every answer by route pattern. `/metrics` is served on the main port only with
 * METRICS_TOKEN (as a bearer token) or in development; with METRICS_PORT it is served on
 * that port alone, for a scraper on the private network.
 */
export function registerMetrics(app: FastifyInstance, deps: { metrics: Metrics; token: string | undefined; port: number | undefined; host: string; open: boolean; log: Logger }): { close(): Promise<void> } {
  const { metrics } = deps;
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const labels = { method: req.method, route };
    metrics.httpRequests.inc({ ...labels, status: String(reply.statusCode) });
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  });
  // Discovery and the key set are answered before Fastify (static-documents.ts): counted here too.
  if (app.hasDecorator('staticDocuments')) {
    app.staticDocuments.onServed = (route, status, seconds) => {
      metrics.httpRequests.inc({ method: 'GET', route, status: String(status) });
      metrics.httpDuration.observe({ method: 'GET', route }, seconds);
    };
  }

  if (deps.port !== undefined) {
    const server = http.createServer((req, res) => {
      if (req.url !== '/metrics') return void res.writeHead(404).end();
      metrics.registry
        .metrics()
        .then((body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body))
        .catch((err: unknown) => {
          deps.log.error({ err }, 'rendering metrics failed');
          res.writeHead(500).end();
        });
    });
    server.listen(deps.port, deps.host);
    return { close: () => new Promise((r) => server.close(() => r())) };
  }

  app.get('/metrics', { schema: { tags: ['operations'], summary: 'Prometheus metrics (with METRICS_TOKEN as a bearer token)', response: { 200: replyOf('text/plain', 'Prometheus text exposition format'), ...errorReplies(401, 404) } } }, async (req, reply) => {
    const auth = req.headers.authorization ?? '';
    const allowed = deps.token ? auth === `Bearer ${deps.token}` : deps.open;
    if (!allowed) return reply.code(deps.token ? 401 : 404).send({ error: deps.token ? 'unauthorized' : 'not_found', message: deps.token ? 'Send the metrics token as a bearer token.' : 'Not found.' });
    return reply.header('cache-control', 'no-store').type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return { close: async () => undefined };
}

/** Approvals, declines and registration steps are counted as they are audited. */
export function countAuditedSteps(audit: Audit, metrics: Metrics): void {
  const steps: Record<string, () => void> = {
    'login.approved': () => metrics.funnel('approved'),
    'login.declined': () => metrics.funnel('declined'),
    'registration.started': () => metrics.registration('started'),
    'registration.verified': () => metrics.registration('verified'),
    'registration.completed': () => metrics.registration('completed'),
    'registration.failed': () => metrics.registration('failed'),
  };
  audit.addSink(async (_trx, event) => steps[event.type]?.());
}
