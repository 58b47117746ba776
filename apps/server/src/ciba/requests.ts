import crypto from 'node:crypto';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type Provider from 'oidc-provider';
import { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Audit } from '../audit/audit.ts';
import { createGrantStore } from '../consent/grants.ts';
import { AppError, conflict, forbidden, gone, notFound } from '../errors.ts';
import { acrFor, type Assurance, type ResidentStore } from '../identity/residents.ts';
import type { ClientStore, ServiceInfo } from '../oidc/clients.ts';
import type { Db } from '../storage/db.ts';
import { inTransaction } from '../storage/transaction.ts';
import { createDeviceStore, type DeviceStore } from '../wallet-api/devices.ts';
import { cibaChallenge } from '../wallet-api/protocol.ts';
import { verifyAssertion, type WebAuthnRp } from '../wallet-api/webauthn.ts';
import type { SubjectIndex } from './subjects.ts';

/**
 * Client-Initiated Backchannel Authentication (OpenID Connect CIBA Core 1.0), the platform's
 * side. oidc-provider runs the protocol (the backchannel endpoint, `auth_req_id`, polling,
 * ping callbacks, `expired_token`, `access_denied`); this module supplies what it leaves to
 * the platform: who the `login_hint` is, what a `binding_message` may be, and the
 * "authentication device" — a request the resident's wallet lists and answers with a
 * WebAuthn assertion over the request and its binding message.
 *
 * CIBA authenticates; it releases no e-ME fields (those are shared in an ordinary sign-in,
 * where the resident sees each field). The grant carries `openid` only.
 */
export const CIBA_INTERVAL_SECONDS = 5;
export const CIBA_DEFAULT_TTL_SECONDS = 300;
export const CIBA_MAX_TTL_SECONDS = 600;
const loaRank: Record<string, number> = { [acrFor('standard')]: 1, [acrFor('plus')]: 2 };
// Letters of any script (Chinese too), digits, spaces and a little punctuation: shown as is in the wallet.
const bindingMessagePattern = /^[\p{L}\p{N}][\p{L}\p{N} .,:#+/!?-]{0,39}$/u;

export type CibaDeps = { db: Db; audit: Audit; clients: ClientStore; residents: ResidentStore; devices: DeviceStore; subjects: SubjectIndex; rp: WebAuthnRp };

export type PendingCiba = { id: string; service: ServiceInfo; bindingMessage: string; acrValues: string[]; satisfiable: boolean; nonce: string; rpId: string; expiresAt: string };

/** Whether a resident at `assurance` meets one of the requested `acr_values` (none requested: yes). */
export function meetsAcr(assurance: Assurance, acrValues: string[]): boolean {
  if (!acrValues.length) return true;
  const own = loaRank[acrFor(assurance)] ?? 0;
  return acrValues.some((v) => loaRank[v] !== undefined && loaRank[v]! <= own);
}

const sectorOf = (client: { yat_sector?: unknown; sectorIdentifier?: unknown }) => String(client.yat_sector ?? client.sectorIdentifier);

export function createCibaRequests(deps: CibaDeps) {
  const { db, audit, clients, residents, devices, subjects, rp } = deps;
  const effective = (r: { status: string; expires_at: number }) => (r.status === 'pending' && Number(r.expires_at) <= Date.now() ? 'expired' : r.status);

  async function pendingRow(residentId: string, id: string) {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw notFound('unknown_request', 'This request does not exist.');
    const row = await db.selectFrom('ciba_requests').selectAll().where('id', '=', id).where('resident_id', '=', residentId).executeTakeFirst();
    if (!row) throw notFound('unknown_request', 'This request does not exist.');
    const status = effective(row);
    if (status === 'expired') throw gone('request_expired', 'This request has expired. The service can ask again.');
    if (status !== 'pending') throw conflict('request_used', 'This request has already been answered.');
    return row;
  }

  return {
    /** What oidc-provider's `features.ciba` needs from the platform. */
    providerHooks(): Omit<NonNullable<NonNullable<Configuration['features']>['ciba']>, 'enabled' | 'deliveryModes'> {
      return {
        async processLoginHint(ctx: KoaContextWithOIDC, loginHint: string) {
          if (loginHint.length > 200) return undefined;
          return subjects.residentFor(sectorOf(ctx.oidc.client as never), loginHint);
        },
        async processLoginHintToken() {
          throw new errors.InvalidRequest('login_hint_token is not supported; send the resident\'s "sub" as login_hint');
        },
        async validateBindingMessage(_ctx: KoaContextWithOIDC, bindingMessage: string | undefined) {
          if (!bindingMessage) throw new errors.InvalidBindingMessage('binding_message is required: the wallet shows it so the resident can tell this request from another');
          if (!bindingMessagePattern.test(bindingMessage)) throw new errors.InvalidBindingMessage('binding_message must be 1-40 letters, digits, spaces or . , : # + / ! ? -');
        },
        async validateRequestContext() {},
        async verifyUserCode(_ctx: KoaContextWithOIDC, _account: unknown, userCode: string | undefined) {
          if (userCode) throw new errors.InvalidRequest('user_code is not used: the resident approves in the wallet with the device key');
        },
        async triggerAuthenticationDevice(ctx: KoaContextWithOIDC, request: { jti: string; scope?: string; expiration?: number }, account: { accountId: string }, client: { clientId: string }) {
          const params = ctx.oidc.params as { binding_message?: string; acr_values?: string };
          const now = Date.now();
          await inTransaction(db, async (trx) => {
            await trx
              .insertInto('ciba_requests')
              .values({
                id: crypto.randomUUID(),
                auth_req_id: request.jti,
                resident_id: account.accountId,
                client_id: client.clientId,
                scope: String(request.scope ?? 'openid'),
                binding_message: String(params.binding_message),
                acr_values: params.acr_values ?? null,
                challenge: crypto.randomBytes(32).toString('base64url'),
                status: 'pending',
                expires_at: now + (request.expiration ?? CIBA_DEFAULT_TTL_SECONDS) * 1000,
                created_at: now,
                answered_at: null,
                last_polled_at: null,
              })
              .execute();
            await audit.record(trx, { type: 'ciba.requested', outcome: 'success', residentId: account.accountId, clientId: client.clientId, detail: { bindingMessage: params.binding_message } });
          });
        },
      } as never;
    },

    /** The requests waiting for this resident, newest first, as the wallet shows them. */
    async pending(residentId: string): Promise<PendingCiba[]> {
      const resident = await residents.findById(residentId);
      const rows = await db.selectFrom('ciba_requests').selectAll().where('resident_id', '=', residentId).where('status', '=', 'pending').where('expires_at', '>', Date.now()).orderBy('created_at', 'desc').limit(20).execute();
      const out: PendingCiba[] = [];
      for (const r of rows) {
        const service = await clients.info(r.client_id);
        if (!service) continue;
        const acrValues = (r.acr_values ?? '').split(' ').filter(Boolean);
        out.push({ id: r.id, service, bindingMessage: r.binding_message, acrValues, satisfiable: !!resident && meetsAcr(resident.assurance, acrValues), nonce: r.challenge, rpId: rp.rpId, expiresAt: new Date(Number(r.expires_at)).toISOString() });
      }
      return out;
    },

    /**
     * The resident approves with the device key: the assertion's challenge covers the
     * request's nonce, its id and the binding message. Then the provider gets the grant.
     */
    async approve(provider: Provider, residentId: string, id: string, credential: AuthenticationResponseJSON): Promise<{ service: ServiceInfo }> {
      const row = await pendingRow(residentId, id);
      const device = await devices.find(credential.id);
      if (!device || device.residentId !== residentId) throw forbidden('unknown_device', 'This device is not registered to you. Register the wallet again.');
      const resident = await residents.findById(residentId);
      if (!resident || resident.status !== 'active') throw forbidden('resident_locked', 'This digital identity is locked. Contact the helpline.');
      const acrValues = (row.acr_values ?? '').split(' ').filter(Boolean);
      if (!meetsAcr(resident.assurance, acrValues)) {
        throw new AppError('assurance_too_low', 403, 'The service asks for a higher identity level (Yat Plus). Upgrade in person at a registration counter, then try again.');
      }
      let counter: number;
      try {
        counter = await verifyAssertion(rp, credential, cibaChallenge(row.challenge, row.id, row.binding_message), device);
      } catch (err) {
        await audit.record(db, { type: 'ciba.failed', outcome: 'failure', residentId, clientId: row.client_id, detail: { reason: (err as AppError).code } });
        throw err;
      }
      const acr = acrFor(resident.assurance);
      await inTransaction(db, async (trx) => {
        const res = await trx.updateTable('ciba_requests').set({ status: 'approved', answered_at: Date.now() }).where('id', '=', row.id).where('status', '=', 'pending').executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw conflict('request_used', 'This request has already been answered.');
        await createDeviceStore(trx).touch(device.id, counter);
        await audit.record(trx, { type: 'ciba.approved', outcome: 'success', residentId, clientId: row.client_id, detail: { bindingMessage: row.binding_message, acr } });
      });
      // The provider's grant lives in its own storage (oidc-provider's adapter), written after the approval commits.
      const grant = new provider.Grant({ accountId: residentId, clientId: row.client_id });
      grant.addOIDCScope('openid');
      const grantId = await grant.save();
      await createGrantStore(db).linkProviderGrant(grantId, residentId, row.client_id);
      await provider.backchannelResult(row.auth_req_id, grant, { acr, amr: ['hwk', 'user'], authTime: Math.floor(Date.now() / 1000) });
      return { service: (await clients.info(row.client_id))! };
    },

    async decline(provider: Provider, residentId: string, id: string): Promise<void> {
      const row = await pendingRow(residentId, id);
      await inTransaction(db, async (trx) => {
        const res = await trx.updateTable('ciba_requests').set({ status: 'declined', answered_at: Date.now() }).where('id', '=', row.id).where('status', '=', 'pending').executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw conflict('request_used', 'This request has already been answered.');
        await audit.record(trx, { type: 'ciba.declined', outcome: 'declined', residentId, clientId: row.client_id, detail: { bindingMessage: row.binding_message } });
      });
      await provider.backchannelResult(row.auth_req_id, new errors.AccessDenied('the resident declined the request in the wallet'));
    },

    /**
     * A poll of a pending request (`authorization_pending`): true when it came sooner than
     * `interval` after the previous one, so the answer becomes `slow_down` (CIBA Core §11).
     */
    async pollTooSoon(authReqId: string): Promise<boolean> {
      const now = Date.now();
      const row = await db.selectFrom('ciba_requests').select(['id', 'last_polled_at']).where('auth_req_id', '=', authReqId).executeTakeFirst();
      if (!row) return false;
      await db.updateTable('ciba_requests').set({ last_polled_at: now }).where('id', '=', row.id).execute();
      return row.last_polled_at !== null && now - Number(row.last_polled_at) < CIBA_INTERVAL_SECONDS * 1000;
    },
  };
}

export type CibaRequests = ReturnType<typeof createCibaRequests>;
