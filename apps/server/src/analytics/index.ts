import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.ts';
import type { ConsoleAuth } from '../consoles/auth.ts';
import type { ClientStore } from '../oidc/clients.ts';
import { registerAnalyticsPage } from './pages/analytics/route.ts';
import { createRollup, type Rollup } from './rollup.ts';
import { createAnalyticsStore, type AnalyticsStore } from './store.ts';

/**
 * Usage analytics (docs/opendata.md): the rollup turns audit events into hourly and daily
 * counts and sketches of the active residents, on a timer in every instance (one runs at a
 * time) and as `yat analytics rollup`; the operator console draws them
 * (`/console/operator/analytics`); open data publishes them, small counts suppressed.
 */
export type Analytics = { rollup: Rollup; store: AnalyticsStore; close(): void };

export function createAnalytics(server: FastifyInstance | undefined, deps: { ctx: Context; consoles?: ConsoleAuth; clients?: ClientStore }): Analytics {
  const { ctx } = deps;
  const rollup = createRollup({ storage: ctx.storage, log: ctx.log });
  const store = createAnalyticsStore(ctx.storage.db);
  if (server && deps.consoles && deps.clients) registerAnalyticsPage(server, { store, rollup, consoles: deps.consoles, clients: deps.clients });

  const { intervalMs, lagMs } = ctx.config.analytics;
  const tick = intervalMs ? ctx.metrics.job('analytics_rollup', intervalMs) : () => undefined;
  const timer = intervalMs
    ? setInterval(() => {
        tick();
        rollup.run({ lagMs }).catch((err: unknown) => ctx.log.warn({ err }, 'analytics rollup failed; the next round carries on from its cursor'));
      }, intervalMs)
    : undefined;
  timer?.unref();
  return { rollup, store, close: () => clearInterval(timer) };
}

export { createRollup, type Rollup } from './rollup.ts';
export { createAnalyticsStore, type AnalyticsStore } from './store.ts';
export { publish, publishGroup, publishedText, SUPPRESSED, MIN_PUBLISHED, type Published } from './suppress.ts';
export { dayStart, dateOf, bucketOf, DAY } from './buckets.ts';
export { publicFigures, figuresSection } from './figures.ts';
