import type { FastifyInstance } from 'fastify';
import type { Audit } from '../../audit/audit.ts';
import type { GrantStore } from '../../consent/grants.ts';
import type { Revocation } from '../../consent/revocation.ts';
import type { Context } from '../../context.ts';
import type { CounterStore } from '../../counter/counters.ts';
import type { ResidentStore } from '../../identity/residents.ts';
import type { StaffStore } from '../../identity/staff.ts';
import type { ClientStore } from '../../oidc/clients.ts';
import { createDeviceAdmin } from '../../wallet-api/device-admin.ts';
import type { Consoles } from '../index.ts';
import { registerOperatorApi } from './api.ts';
import { createAuditSearch } from './audit-search.ts';
import { registerAuditPage } from './pages/audit/route.ts';
import { registerHomePage } from './pages/home/route.ts';
import { pageKit } from './pages/kit.ts';
import { registerRequestsPage } from './pages/requests/route.ts';
import { registerResidentPages } from './pages/residents/route.ts';
import { registerServicesPage } from './pages/services/route.ts';
import { registerStaffPage } from './pages/staff/route.ts';
import { createServiceAdmin } from './services.ts';
import { createStaffAdmin } from './staff-admin.ts';
import { createResidentSupport } from './support.ts';
import type { ServiceSuspensions } from './suspensions.ts';

/**
 * The operator console (`/console/operator/…`, operator role; usage analytics is the analytics
 * capability's page at /console/operator/analytics): resident support with four-eyes unlock,
 * service suspension, audit search and staff roles — each page a plain form, each action with a
 * reason, audited in its transaction, after a fresh wallet approval; the same as a JSON API.
 * The suspension store is built before the OpenID provider (which consults it), so app.ts makes
 * it with `createServiceSuspensions` and hands it here.
 */
export type OperatorConsoleDeps = {
  ctx: Context;
  consoles: Consoles;
  audit: Audit;
  residents: ResidentStore;
  staff: StaffStore;
  grants: GrantStore;
  revocation: Revocation;
  clients: ClientStore;
  counters: CounterStore;
  suspensions: ServiceSuspensions;
};

export function createOperatorConsole(server: FastifyInstance, deps: OperatorConsoleDeps) {
  const { ctx, audit, residents, clients, suspensions } = deps;
  const db = ctx.storage.db;
  const support = createResidentSupport({ db, crypto: ctx.crypto, audit, residents, grants: deps.grants, revocation: deps.revocation, deviceAdmin: createDeviceAdmin({ db, audit }), clients, suspensions });
  const ownClients = async () => {
    const rows = await db.selectFrom('portal_settings').select(['key', 'value_enc']).where('key', 'like', '%_client').execute();
    return rows.map((r) => ctx.crypto.decryptJson<{ clientId: string }>(r.value_enc, r.key).clientId);
  };
  const services = createServiceAdmin({ db, audit, clients, suspensions, ownClients });
  const search = createAuditSearch({ db, audit, crypto: ctx.crypto, residents });
  const staffAdmin = createStaffAdmin({ db, audit, crypto: ctx.crypto, residents, counterExists: async (id) => (await deps.counters.find(id)) !== undefined });
  const nameOf = async (id: string) => {
    const r = await residents.findById(id);
    return r ? [r.profile.nameEn.family, r.profile.nameEn.given].filter(Boolean).join(' ') : id;
  };
  const counters = async (lang: string) => (await deps.counters.list()).filter((c) => c.kind === 'counter').map((c) => ({ id: c.id, name: c.name[lang as 'en'] ?? c.id }));

  const kit = pageKit(deps.consoles);
  registerHomePage(server, { kit, support });
  registerResidentPages(server, { kit, support });
  registerRequestsPage(server, { kit, support, nameOf });
  registerServicesPage(server, { kit, services });
  registerAuditPage(server, { kit, search });
  registerStaffPage(server, { kit, staff: staffAdmin, counters });
  registerOperatorApi(server, { residents, staff: deps.staff, support, services, search, staffAdmin });
  return { support, services, search, staffAdmin, suspensions };
}

export type OperatorConsole = ReturnType<typeof createOperatorConsole>;
export { createServiceSuspensions, type ServiceSuspensions } from './suspensions.ts';
