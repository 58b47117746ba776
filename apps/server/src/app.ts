import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import type Provider from 'oidc-provider';
import { createAudit, type Audit } from './audit/audit.ts';
import { isDevelopment } from './config.ts';
import type { Context } from './context.ts';
import { registerApiReference } from './http/api-reference.ts';
import { registerHealthRoutes } from './http/health.ts';
import { countAuditedSteps, registerMetrics } from './http/metrics.ts';
import { registerHomeRoutes } from './http/home.ts';
import { registerWalletApp } from './http/wallet-app.ts';
import { createHttpServer } from './http/server.ts';
import { createLockout } from './identity/lockout.ts';
import { createRegistration, type Registration } from './identity/registration.ts';
import { createEmbeddedRegistry, type Registry } from './identity/registry.ts';
import { createResidentStore, type ResidentStore } from './identity/residents.ts';
import { createGatewaySms, createOutboxSms } from './identity/sms.ts';
import { createClientStore, type ClientStore } from './oidc/clients.ts';
import { registerInteractionRoutes } from './oidc/interactions.ts';
import { mountProvider } from './oidc/mount.ts';
import { createProvider } from './oidc/provider.ts';
import { sweepExpired } from './oidc/sql-adapter.ts';
import { createFlowState } from './oidc/flow-state.ts';
import { createDeviceStore, type DeviceStore } from './wallet-api/devices.ts';
import { createLoginRequests, type LoginRequests } from './wallet-api/login-requests.ts';
import { registerWalletRoutes } from './wallet-api/routes.ts';
import { webauthnRp } from './wallet-api/webauthn.ts';
import { createGrantStore, type GrantStore } from './consent/grants.ts';
import { createRevocation, trackProviderSessions, type Revocation } from './consent/revocation.ts';
import { createDeviceAdmin } from './wallet-api/device-admin.ts';
import { registerResidentRoutes } from './wallet-api/resident-routes.ts';
import { createWalletSessions, type WalletSessions } from './wallet-api/session.ts';
import { openCatalogue } from './portal/catalogue/catalogue.ts';
import { registerCatalogueRoutes } from './portal/catalogue/routes.ts';
import { createPortalApplications, type PortalApplications } from './portal/applications/index.ts';
import { createLedger, type Ledger } from './ledger/index.ts';
import { createConsoles, type Consoles } from './consoles/index.ts';
import { createCounterCapability } from './counter/index.ts';
import { createCounterStore, type CounterStore } from './counter/counters.ts';
import { createStaffStore, type StaffStore } from './identity/staff.ts';
import { createSigning, cscResourceServer, type Signing } from './signing/index.ts';
import { createCiba, type Ciba } from './ciba/index.ts';
import { createNotify, type Notify } from './notify/index.ts';
import { createAnalytics, figuresSection, publicFigures, type Analytics } from './analytics/index.ts';
import { createOpenData, type OpenData } from './opendata/index.ts';
import { createOperatorConsole, createServiceSuspensions, type OperatorConsole } from './consoles/operator/index.ts';
import { createDeveloperConsole, type DeveloperConsole } from './consoles/developer/index.ts';
import { createApprovals, type Approvals } from './consoles/approvals/index.ts';

/**
 * The composition root: every store and service is built here, once, from the context,
 * and handed to the routes that need it. Nothing else constructs dependencies.
 */
export type App = {
  server: FastifyInstance;
  provider: Provider;
  audit: Audit;
  registry: Registry;
  residents: ResidentStore;
  devices: DeviceStore;
  clients: ClientStore;
  registration: Registration;
  loginRequests: LoginRequests;
  grants: GrantStore;
  revocation: Revocation;
  walletSessions: WalletSessions;
  portal: PortalApplications;
  ledger: Ledger;
  staff: StaffStore;
  counters: CounterStore;
  consoles: Consoles;
  counter: ReturnType<typeof createCounterCapability>;
  signing: Signing;
  ciba: Ciba;
  notify: Notify;
  analytics: Analytics;
  opendata: OpenData;
  operator: OperatorConsole;
  developer: DeveloperConsole;
  approvals: Approvals;
  close(): Promise<void>;
};

export async function createApp(ctx: Context): Promise<App> {
  const { config, keys, storage, log } = ctx;
  const db = storage.db;
  const secure = config.issuer.startsWith('https://');
  // ioredis reconnects by itself after a lost connection; meanwhile commands wait briefly, then fail as a 503.
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true, connectionName: `yat/${process.pid}` }) : undefined;
  redis?.on('error', (err) => log.warn({ err: err.message }, 'Redis connection error; reconnecting'));

  const audit = createAudit({ db, log });
  countAuditedSteps(audit, ctx.metrics);
  const registry = createEmbeddedRegistry({ db, crypto: ctx.crypto });
  const residents = createResidentStore({ db, crypto: ctx.crypto });
  const devices = createDeviceStore(db);
  const clients = createClientStore({ db, crypto: ctx.crypto });
  const rp = webauthnRp(config.issuer);
  const sms = config.sms.gatewayUrl ? createGatewaySms({ url: config.sms.gatewayUrl, token: config.sms.gatewayToken, log }) : createOutboxSms({ db, log });
  const lockout = createLockout(db, { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 });
  const registration = createRegistration({ db, crypto: ctx.crypto, registry, sms, lockout, audit, rp });
  const grants = createGrantStore(db);
  const walletSessions = createWalletSessions({ db, devices, residents, rp });
  const loginRequests = createLoginRequests({ db, clients, devices, residents, grants, audit, rp, issuer: config.issuer, tokenKey: keys.lookupKey, onStep: ctx.metrics.funnel });
  const ciba = createCiba({ db, audit, clients, residents, devices, rp });
  const suspensions = createServiceSuspensions(db);
  const flowState = !redis && storage.dialect === 'sqlite' ? createFlowState(db) : undefined;
  const restored = await flowState?.restore();
  if (restored) log.info({ restored }, 'logins in progress taken back from the last stop');
  const provider = createProvider({ config, keys, db, redis, flowState, residents, clients, subjects: ciba.subjects, ciba: ciba.requests, log, resourceServers: [cscResourceServer(config.issuer)], gate: suspensions });

  const server = await createHttpServer({ log, trustProxy: config.trustProxy, issuerHost: new URL(config.issuer).host, secure, cookieSecret: keys.cookieKeys[0]!, redis, rateLimitAllowList: config.rateLimitAllowList, checkResponses: isDevelopment(config) });
  const metricsEndpoint = registerMetrics(server, { metrics: ctx.metrics, token: config.metricsToken, port: config.metricsPort, host: config.host, open: isDevelopment(config), log });
  ctx.metrics.watchRedis(redis);
  await mountProvider(server, provider, { secure, log });
  const ledger = createLedger(server, { ctx, audit });
  const revocation = createRevocation({ db, provider, grants, audit, log });
  trackProviderSessions(provider, grants, log);
  registerInteractionRoutes(server, { provider, loginRequests, clients, residents, grants, secure, csrfKey: keys.cookieKeys[0]! });
  registerWalletRoutes(server, { registration, loginRequests, sessions: walletSessions, secure });
  registerResidentRoutes(server, { db, sessions: walletSessions, residents, grants, revocation, clients, audit, devices: createDeviceAdmin({ db, audit }), ledger, secure, suspensions });
  ciba.registerRoutes(server, { provider, sessions: walletSessions });
  registerHealthRoutes(server, { db, redis });
  registerApiReference(server);
  registerHomeRoutes(server, { db, development: isDevelopment(config) });
  await registerWalletApp(server);
  registerCatalogueRoutes(server, { catalogue: await openCatalogue({ db, log }), development: isDevelopment(config), figures: async (p) => figuresSection(p, await publicFigures(db)) });
  const notify = await createNotify(server, { ctx, provider, clients, residents, grants, audit, sessions: walletSessions, loginRequests, subjects: ciba.subjects, sms });
  const portal = await createPortalApplications(server, { ctx, provider, clients, secure, notifications: notify.portalInbox });
  const staff = createStaffStore(db);
  const counters = createCounterStore(db);
  await counters.seed();
  const counterName = async (id: string | null, lang: string) => (id ? ((await counters.find(id))?.name[lang as 'en'] ?? id) : null);
  const consoles = await createConsoles(server, { ctx, provider, clients, residents, staff, audit, secure, counterName });
  const counter = createCounterCapability(server, { ctx, audit, residents, devices, staff, counters, consoles, sessions: walletSessions, rp, sms, secure });
  const signing = await createSigning(server, { ctx, provider, clients, devices, residents, audit, rp, webhooks: portal.webhooks });
  const analytics = createAnalytics(server, { ctx, consoles, clients });
  const opendata = createOpenData(server, { ctx, counters, analytics: analytics.store, ledger: ledger.store, clients });
  const operator = createOperatorConsole(server, { ctx, consoles, audit, residents, staff, grants, revocation, clients, counters, suspensions });
  const developer = createDeveloperConsole(server, { ctx, audit, provider, clients, residents, consoles, analytics: analytics.store });
  const approvals = createApprovals(server, { ctx, audit, consoles, residents, staff, publish: developer.services.publish });

  // Expired protocol artefacts are deleted in the background; reads already ignore them.
  const swept = ctx.metrics.job('sweeper', 60_000);
  const sweeper = setInterval(() => {
    swept();
    sweepExpired(db).catch((err: unknown) => log.warn({ err }, 'sweeping expired artefacts failed'));
    walletSessions.sweep().catch((err: unknown) => log.warn({ err }, 'sweeping expired wallet sessions failed'));
  }, 60_000);
  sweeper.unref();

  return {
    server,
    provider,
    audit,
    registry,
    residents,
    devices,
    clients,
    registration,
    loginRequests,
    grants,
    revocation,
    walletSessions,
    portal,
    ledger,
    signing,
    staff,
    counters,
    consoles,
    counter,
    ciba,
    notify,
    analytics,
    opendata,
    operator,
    developer,
    approvals,
    /** Stops taking requests, lets those in flight finish (long-polls answer at once), then lets go of Redis. */
    async close() {
      clearInterval(sweeper);
      analytics.close();
      portal.close();
      consoles.close();
      loginRequests.shutdown();
      await server.close();
      // After the last request: the logins still in progress are kept for the next start.
      const saved = await flowState?.save().catch((err: unknown) => log.error({ err }, 'saving the logins in progress failed'));
      if (saved) log.info({ saved }, 'logins in progress saved for the next start');
      flowState?.close();
      await notify.close();
      await metricsEndpoint.close();
      await ledger.close();
      redis?.disconnect();
    },
  };
}
