import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';
import type { Audit } from '../audit/audit.ts';
import type { Context } from '../context.ts';
import type { ResidentStore } from '../identity/residents.ts';
import type { ClientStore } from '../oidc/clients.ts';
import type { DeviceStore } from '../wallet-api/devices.ts';
import type { WebAuthnRp } from '../wallet-api/webauthn.ts';
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

/**
 * Digital signing, the capability's only door: the key store (embedded or PKCS#11), the CA
 * (made on first start), the signing engine (CAdES-B-T / PAdES-B-T with the TSA), signing
 * requests, and their routes — the service API, the wallet API, the CA's public files, the
 * CRL and /tsa.
 */
export type SigningDeps = { ctx: Context; provider: Provider; clients: ClientStore; devices: DeviceStore; residents: ResidentStore; audit: Audit; rp: WebAuthnRp };

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
  });
  registerSigningPublicRoutes(server, { ca, engine });
  registerSigningWalletApi(server, { requests });
  const verifier = createVerifier({ ca });
  registerVerifyPages(server, { verifier, csrfKey: ctx.keys.cookieKeys[0]!, secure: ctx.config.issuer.startsWith('https://') });
  await server.register(async (scope) => registerSigningServiceApi(scope, { provider: deps.provider, requests }));
  /** Revokes a resident's signing certificates (lost phone, operator action): on the CRL at once, audited with it. */
  async function revoke(residentId: string, reason: RevocationReason): Promise<string[]> {
    return inTransaction(db, async (trx) => {
      const serials = await ca.revokeResident(trx, residentId, reason);
      if (serials.length) await deps.audit.record(trx, { type: 'certificate.revoked', outcome: 'success', residentId, detail: { serials, reason } });
      return serials;
    });
  }

  return { store, ca, engine, requests, verifier, revoke, close: () => store.close() };
}

export type Signing = Awaited<ReturnType<typeof createSigning>>;
