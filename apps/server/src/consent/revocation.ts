import type Provider from 'oidc-provider';
import type { Audit } from '../audit/audit.ts';
import { notFound } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Db } from '../storage/db.ts';
import { inTransaction } from '../storage/transaction.ts';
import { createGrantStore, type GrantStore } from './grants.ts';

/**
 * A resident revokes a service: the e-ME grant goes, every provider grant behind it goes
 * with its tokens (as oidc-provider's own revoke helper does it: by grant id, in whichever
 * store — SQL or Redis — each model lives), and the service is told with a back-channel
 * logout token per session it knows, so it can end them too.
 */
type BackchannelClient = { backchannelLogoutUri?: string; backchannelLogoutSessionRequired?: boolean; backchannelLogout(sub: string, sid: string | undefined): Promise<void> };

export function createRevocation(deps: { db: Db; provider: Provider; grants: GrantStore; audit: Audit; log: Logger }) {
  const { db, provider, grants, audit, log } = deps;

  async function endProviderGrant(grantId: string): Promise<void> {
    await Promise.all([provider.AccessToken.revokeByGrantId(grantId), provider.RefreshToken.revokeByGrantId(grantId), provider.AuthorizationCode.revokeByGrantId(grantId)]);
    const grant = await provider.Grant.find(grantId);
    await grant?.destroy();
  }

  /** Sends one logout token per session id (one without sid when none is known); failures are logged, not thrown. */
  async function tellService(residentId: string, clientId: string, sids: Array<string | null>): Promise<{ sent: number; failed: number }> {
    // oidc-provider's Client has backchannelLogout(sub, sid) (lib/models/client.js); its types omit it.
    const client = (await provider.Client.find(clientId)) as unknown as BackchannelClient | undefined;
    if (!client?.backchannelLogoutUri) return { sent: 0, failed: 0 };
    const unique = [...new Set(sids.filter((s): s is string => !!s))];
    const targets: Array<string | undefined> = unique.length ? unique : client.backchannelLogoutSessionRequired ? [] : [undefined];
    let failed = 0;
    for (const sid of targets) {
      try {
        await client.backchannelLogout(residentId, sid);
      } catch (err) {
        failed++;
        log.warn({ err: (err as Error).message, clientId }, 'back-channel logout after revocation failed');
      }
    }
    return { sent: targets.length - failed, failed };
  }

  return {
    /**
     * The tokens go first (ending them again is harmless), then the grant and its audit event
     * in one transaction, then the service is told. A crash at any point leaves a state the
     * resident can see and revoke again; never a removed grant whose tokens still work.
     * `by`: an operator revoking it for the resident (consoles/operator/), named in the same event.
     */
    async revoke(residentId: string, clientId: string, by?: Record<string, unknown>): Promise<void> {
      const before = await grants.links(residentId, clientId);
      if (!before.length && !(await grants.find(residentId, clientId))) throw notFound('unknown_service', 'This service holds no data from you.');
      for (const l of before) await endProviderGrant(l.grantId);
      const { removed, links } = await inTransaction(db, async (trx) => {
        const r = await createGrantStore(trx).remove(residentId, clientId);
        // The fields it held are recorded, so the wallet can still say what was shared and then revoked.
        await audit.record(trx, { type: 'grant.revoked', outcome: 'success', residentId, clientId, fields: r.fields, detail: { providerGrants: r.links.length, ...by } });
        return r;
      });
      if (!removed && !links.length) throw notFound('unknown_service', 'This service holds no data from you.');
      // A login that completed meanwhile linked a grant after the first read: it goes too.
      for (const l of links) if (!before.some((b) => b.grantId === l.grantId)) await endProviderGrant(l.grantId);
      const told = await tellService(residentId, clientId, links.map((l) => l.sid));
      log.info({ residentId, clientId, backchannelLogout: told }, 'service told of the revocation');
    },
  };
}

export type Revocation = ReturnType<typeof createRevocation>;

/**
 * Remembers which provider session id (`sid`) each grant's tokens were issued under, read
 * from the authorization code as the provider saves it: the back-channel logout token names it.
 */
export function trackProviderSessions(provider: Provider, grants: GrantStore, log: Logger): void {
  provider.on('authorization_code.saved', (code: { grantId?: string; sid?: string }) => {
    if (code.grantId && code.sid) grants.setSid(code.grantId, code.sid).catch((err: unknown) => log.warn({ err }, 'recording the session of a grant failed'));
  });
}
