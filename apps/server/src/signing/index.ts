import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';
import type { Audit } from '../audit/audit.ts';
import type { Context } from '../context.ts';
import type { ResidentStore } from '../identity/residents.ts';
import type { ClientStore } from '../oidc/clients.ts';
import type { DeviceStore } from '../wallet-api/devices.ts';
import type { WebAuthnRp } from '../wallet-api/webauthn.ts';
import type { Db } from '../storage/db.ts';
import { inTransaction } from '../storage/transaction.ts';
import { createCa, type RevocationReason } from './ca.ts';
import { createSigningEngine } from './engine.ts';
import { openKeyStore } from './keys.ts';
import { registerSigningPublicRoutes } from './public-routes.ts';
import { createSigningRequests } from './requests.ts';
import { registerSigningServiceApi } from './service-api.ts';
import { registerSigningWalletApi } from './wallet-api.ts';
import { registerVerifyPages } from './pages/verify.ts';
import { createVerifier } from './verify.ts';
import { createCscAuthorizations } from './csc/authorizations.ts';
import { registerCscInteractionRoutes } from './csc/interaction-routes.ts';
import { cscResourceServer } from './csc/resource-server.ts';
import { registerCscRoutes } from './csc/routes.ts';
import type { DoneWebhooks } from './requests.ts';

export { cscResourceServer };

/**
 * Digital signing, the capability's only door: the key store (embedded or PKCS#11), the CA
 * (made on first start), the signing engine (CAdES-B-T / PAdES-B-T with the TSA), signing
 * requests, and their routes — the service API, the wallet API, the CA's public files, the
 * CRL and /tsa.
 */
export type SigningDeps = { ctx: Context; provider: Provider; clients: ClientStore; devices: DeviceStore; residents: ResidentStore; audit: Audit; rp: WebAuthnRp; webhooks: DoneWebhooks };

export async function createSigning(server: FastifyInstance, deps: SigningDeps) {
  const { ctx } = deps;
  const db = ctx.storage.db;
  const store = openKeyStore({ db, crypto: ctx.crypto, config: ctx.config });
  const ca = createCa({ db, store, issuer: ctx.config.issuer, serialKey: ctx.keys.lookupKey });
  // The CA is made on first use (a signing request, the CRL, /verify), not at every start or CLI command.
  const engine = createSigningEngine({ store, ca });
  const requests = createSigningRequests({
    db,
    clients: deps.clients,
    devices: deps.devices,
    residents: deps.residents,
    audit: deps.audit,
    rp: deps.rp,
    issuer: ctx.config.issuer,
    tokenKey: ctx.keys.lookupKey,
    pairwiseSalt: ctx.keys.pairwiseSalt,
    engine,
    webhooks: deps.webhooks,
  });
  registerSigningPublicRoutes(server, { ca, engine });
  registerSigningWalletApi(server, { requests });
  const verifier = createVerifier({ ca });
  registerVerifyPages(server, { verifier, csrfKey: ctx.keys.cookieKeys[0]!, secure: ctx.config.issuer.startsWith('https://') });
  await server.register(async (scope) => registerSigningServiceApi(scope, { provider: deps.provider, requests }));
  const csc = createCscAuthorizations({ db, ca, engine, requests, residents: deps.residents, audit: deps.audit });
  const cscResource = cscResourceServer(ctx.config.issuer).resource;
  registerCscInteractionRoutes(server, { provider: deps.provider, clients: deps.clients, residents: deps.residents, csc, cscResource });
  await server.register(async (scope) => registerCscRoutes(scope, { provider: deps.provider, csc, issuer: ctx.config.issuer, cscResource }));

  /** Revokes a resident's signing certificates in the caller's transaction: on the CRL at once, audited with it. */
  async function revokeIn(trx: Db, residentId: string, reason: RevocationReason, cause?: string): Promise<string[]> {
    const serials = await ca.revokeResident(trx, residentId, reason);
    if (serials.length) await deps.audit.record(trx, { type: 'certificate.revoked', outcome: 'success', residentId, detail: { serials, reason, ...(cause ? { cause } : {}) } });
    return serials;
  }
  /** Revokes a resident's signing certificates (operator action, `yat signing revoke`). */
  const revoke = (residentId: string, reason: RevocationReason): Promise<string[]> => inTransaction(db, (trx) => revokeIn(trx, residentId, reason));
  // A phone removed from the wallet (lost, replaced) or replaced at a counter recovery no longer
  // vouches for the resident: their signing certificates are revoked in that same transaction.
  deps.audit.addSink(async (trx, e) => {
    if (!e.residentId) return;
    if (e.type === 'device.removed' || (e.type === 'counter.recovery.completed' && Number(e.detail?.devicesRevoked ?? 0) > 0)) await revokeIn(trx, e.residentId, 'keyCompromise', e.type);
  });

  return { store, ca, engine, requests, verifier, revoke, csc, close: () => store.close() };
}

export type Signing = Awaited<ReturnType<typeof createSigning>>;
