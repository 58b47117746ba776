import type { FastifyInstance } from 'fastify';
import type { Audit } from '../audit/audit.ts';
import type { Consoles } from '../consoles/index.ts';
import type { Context } from '../context.ts';
import type { ResidentStore } from '../identity/residents.ts';
import type { SmsSender } from '../identity/sms.ts';
import type { StaffStore } from '../identity/staff.ts';
import type { DeviceStore } from '../wallet-api/devices.ts';
import type { WalletSessions } from '../wallet-api/session.ts';
import type { WebAuthnRp } from '../wallet-api/webauthn.ts';
import { registerCounterApi } from './api.ts';
import { createCounterCases } from './cases.ts';
import { registerCounterPages } from './console-pages.ts';
import type { CounterStore } from './counters.ts';

/**
 * Counters: in-person upgrade to the plus level and recovery of a lost wallet. The counter
 * console's pages sit behind the consoles' sign-in (`requireStaff('counter')`); the wallet and
 * the staff member's own wallet use the JSON API.
 */
export function createCounterCapability(
  server: FastifyInstance,
  deps: { ctx: Context; audit: Audit; residents: ResidentStore; devices: DeviceStore; staff: StaffStore; counters: CounterStore; consoles: Consoles; sessions: WalletSessions; rp: WebAuthnRp; sms: SmsSender; secure: boolean },
) {
  const { ctx } = deps;
  const db = ctx.storage.db;
  const cases = createCounterCases({ db, crypto: ctx.crypto, audit: deps.audit, residents: deps.residents, devices: deps.devices, counters: deps.counters, rp: deps.rp, sms: deps.sms, issuer: ctx.config.issuer, log: ctx.log });
  registerCounterPages(server, { cases, consoles: deps.consoles });
  registerCounterApi(server, { db, cases, sessions: deps.sessions, residents: deps.residents, staff: deps.staff, devices: deps.devices, rp: deps.rp, secure: deps.secure });
  return { cases };
}
