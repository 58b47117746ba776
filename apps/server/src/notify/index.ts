import os from 'node:os';
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';
import type { Audit } from '../audit/audit.ts';
import type { GrantStore } from '../consent/grants.ts';
import type { Context } from '../context.ts';
import type { ResidentStore } from '../identity/residents.ts';
import type { SmsSender } from '../identity/sms.ts';
import type { ClientStore } from '../oidc/clients.ts';
import type { LoginRequests } from '../wallet-api/login-requests.ts';
import type { WalletSessions } from '../wallet-api/session.ts';
import { createConsentStore } from './consents.ts';
import { drain, startFanout, type FanoutDeps } from './fanout.ts';
import { createInbox } from './inbox.ts';
import { createNotifications, type SubjectLookup } from './notifications.ts';
import { createPush } from './push.ts';
import { registerNotifyServiceApi } from './service-api.ts';
import { createNotificationStore } from './store.ts';
import { createTopics } from './topics.ts';
import { notificationsAnswer, registerNotifyWalletApi } from './wallet-api.ts';

/**
 * Notifications, the capability's only door (docs/notifications.md): consent per service,
 * the service API (`POST /api/notifications`, scope `notify`), the inbox in the wallet and the
 * portal, Web Push with VAPID (SMS for security messages), and public alert topics fanned out
 * through a durable queue in the database by every instance.
 */
export type NotifyDeps = {
  ctx: Context;
  provider: Provider;
  clients: ClientStore;
  residents: ResidentStore;
  grants: GrantStore;
  audit: Audit;
  sessions: WalletSessions;
  /** The wallet's approvals: the notifications answer given on the approval screen is written in their transaction. */
  loginRequests: Pick<LoginRequests, 'addApprovalStep'>;
  subjects: SubjectLookup;
  sms: SmsSender;
  /** Run the topic fan-out in this process (default true; the CLI's worker command runs its own). */
  fanout?: boolean;
};

/** What the fan-out needs, from the context alone: the CLI's `yat notify worker` builds it without the server. */
export function fanoutDeps(ctx: Context): FanoutDeps {
  const { config, storage, log } = ctx;
  const push = createPush({ db: storage.db, crypto: ctx.crypto, log, subject: config.notify.vapidSubject, production: config.env === 'production' });
  return { db: storage.db, dialect: storage.dialect, push, log, batch: config.notify.fanoutBatch, pauseMs: config.notify.fanoutPauseMs, workerId: `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}` };
}
export { drain };
export type { InboxItem } from './inbox.ts';

export async function createNotify(server: FastifyInstance, deps: NotifyDeps) {
  const { ctx } = deps;
  const { db } = ctx.storage;
  const { notify } = ctx.config;
  const worker = fanoutDeps(ctx);
  const { push } = worker;
  const store = createNotificationStore({ db, crypto: ctx.crypto });
  const consents = createConsentStore({ db, audit: deps.audit });
  const topics = createTopics({ db, audit: deps.audit });
  await topics.seed();
  const notifications = createNotifications({ db, provider: deps.provider, clients: deps.clients, residents: deps.residents, subjects: deps.subjects, consents, store, push, sms: deps.sms, audit: deps.audit, log: ctx.log, dailyQuota: notify.dailyQuota });
  const inbox = createInbox({ db, store, clients: deps.clients });

  await server.register(async (scope) => registerNotifyServiceApi(scope, { provider: deps.provider, notifications, store, ratePerMinute: notify.ratePerMinute }));
  registerNotifyWalletApi(server, { sessions: deps.sessions, clients: deps.clients, grants: deps.grants, consents, inbox, push, topics });
  deps.loginRequests.addApprovalStep(notificationsAnswer({ clients: deps.clients, consents }));

  const fanout = deps.fanout === false ? undefined : startFanout(worker);
  const sweeper = setInterval(() => void store.sweep().catch((err: unknown) => ctx.log.warn({ err }, 'sweeping expired notifications failed')), 10 * 60_000);
  sweeper.unref();

  return {
    store,
    consents,
    topics,
    notifications,
    inbox,
    push,
    /** The portal's inbox shows these beside its application messages (the portal names the resident by its own pairwise sub). */
    portalInbox: { ...inbox, residentOf: notifications.residentOf },
    async close() {
      clearInterval(sweeper);
      await fanout?.stop();
      await notifications.idle();
    },
  };
}

export type Notify = Awaited<ReturnType<typeof createNotify>>;
