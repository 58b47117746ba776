import type { FastifyInstance } from 'fastify';
import type { Audit } from '../../audit/audit.ts';
import type { Context } from '../../context.ts';
import type { ResidentStore } from '../../identity/residents.ts';
import type { StaffStore } from '../../identity/staff.ts';
import type { ConsoleAuth } from '../auth.ts';
import { registerApprovalApi } from './api.ts';
import { registerApprovalPages } from './pages/queue/route.ts';
import { createApprovalQueue, type Publish } from './queue.ts';

/**
 * The production-approval queue (`/console/operator/approvals`, operator role, and
 * `/api/approvals`): an operator approves the exact configuration a service asked for, or
 * rejects it with a reason. `publish` (the developer console's) makes it live.
 */
export function createApprovals(server: FastifyInstance, deps: { ctx: Context; audit: Audit; consoles: ConsoleAuth; residents: ResidentStore; staff: StaffStore; publish: Publish }) {
  const queue = createApprovalQueue({ db: deps.ctx.storage.db, audit: deps.audit, publish: deps.publish });
  registerApprovalPages(server, { queue, consoles: deps.consoles });
  registerApprovalApi(server, { queue, residents: deps.residents, staff: deps.staff, csrfKey: deps.ctx.keys.cookieKeys[0]! });
  return { queue };
}

export type Approvals = ReturnType<typeof createApprovals>;
