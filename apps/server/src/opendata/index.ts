import type { FastifyInstance } from 'fastify';
import { bucketOf, type AnalyticsStore } from '../analytics/index.ts';
import type { Context } from '../context.ts';
import type { CounterStore } from '../counter/counters.ts';
import type { LedgerStore } from '../ledger/store.ts';
import type { ClientStore } from '../oidc/clients.ts';
import { registerStaticFiles } from '../http/static-files.ts';
import { OPENDATA_ASSETS, opendataFiles } from './assets.ts';
import { registerCkanRoutes } from './ckan/routes.ts';
import { createTables, type Tables } from './datasets.ts';
import { registerDownloads } from './downloads.ts';
import { createCollections } from './ogc/collections.ts';
import { registerOgcRoutes } from './ogc/routes.ts';
import { registerCountersPage } from './pages/counters/route.ts';
import { registerDataPage } from './pages/dataset-list/route.ts';

/**
 * Open data (docs/opendata.md): the datasets (datasets.ts) published through CKAN's Action API
 * (/api/3/action/…), DCAT-AP (/catalog.jsonld), downloads (/data/<name>.csv|json|geojson), the
 * /data page, OGC API – Features (/ogc) and the counter map (/counters). Every count is
 * suppressed below 10 (analytics/suppress.ts).
 */
export type OpenData = { tables: Tables };

export function createOpenData(server: FastifyInstance, deps: { ctx: Context; counters: CounterStore; analytics: AnalyticsStore; ledger: LedgerStore; clients: ClientStore }): OpenData {
  const base = deps.ctx.config.issuer;
  const tables = createTables({ db: deps.ctx.storage.db, counters: deps.counters, analytics: deps.analytics, ledger: deps.ledger, clients: deps.clients, issuer: base });
  // The datasets are rebuilt from live data; their "modified" date is the start of the day.
  const modified = () => new Date(bucketOf('day', Date.now())).toISOString();
  registerStaticFiles(server, OPENDATA_ASSETS, opendataFiles);
  registerCkanRoutes(server, { base, modified, log: deps.ctx.log });
  registerDownloads(server, { tables, base, modified });
  registerDataPage(server, { css: `${OPENDATA_ASSETS}/opendata.css` });
  registerOgcRoutes(server, { base, collections: createCollections({ counters: deps.counters, tables }), log: deps.ctx.log });
  registerCountersPage(server, { counters: deps.counters, assets: OPENDATA_ASSETS });
  return { tables };
}
