import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getAssertion } from '../../../../packages/cli/src/wallet/authenticator.ts';
import { describeRequest, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { createAudit } from '../../src/audit/audit.ts';
import { createRevocation } from '../../src/consent/revocation.ts';
import { createGrantStore } from '../../src/consent/grants.ts';
import { createConsentStore } from '../../src/notify/consents.ts';
import { notificationsAnswer } from '../../src/notify/wallet-api.ts';
import { createDeviceStore } from '../../src/wallet-api/devices.ts';
import { createLoginRequests } from '../../src/wallet-api/login-requests.ts';
import { approvalChallenge, loginTokenFromUrl } from '../../src/wallet-api/protocol.ts';
import { webauthnRp } from '../../src/wallet-api/webauthn.ts';
import { failingNthWrite } from '../support/faults.ts';
import { login, registeredWallet, showSignInPage } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty, type RelyingParty } from '../support/relying-party.ts';

/**
 * An action and its records are one transaction. Each write statement of an action is made
 * to fail in turn (as a crash or a lost connection between two statements would): afterwards
 * either everything the action writes is there, or nothing is — never an approved request
 * without its audit event and grant, which the browser could still consume.
 */
let p: Platform;
let rp: RelyingParty;
let wallet: WalletState;
beforeAll(async () => {
  p = await startPlatform();
  rp = await createRelyingParty(p.app, p.issuer);
  wallet = await registeredWallet(p);
});
afterAll(() => p.close());

const db = () => p.ctx.storage.db;
const countEvents = async (type: string) => Number((await db().selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('type', '=', type).executeTakeFirstOrThrow()).n);

/** What an approval writes, for one resident and service (with the notifications answer given on the approval screen). */
async function approvalState(requestId: string, service = rp) {
  const request = await db().selectFrom('login_requests').select(['status', 'resident_id', 'shared_fields']).where('id', '=', requestId).executeTakeFirstOrThrow();
  const device = await db().selectFrom('device_credentials').select(['counter', 'last_used_at']).where('resident_id', '=', wallet.residentId).executeTakeFirstOrThrow();
  const grant = await db().selectFrom('consent_grants').selectAll().where('resident_id', '=', wallet.residentId).where('client_id', '=', service.clientId).executeTakeFirst();
  const notify = await db().selectFrom('notify_consents').select('allowed').where('resident_id', '=', wallet.residentId).where('client_id', '=', service.clientId).executeTakeFirst();
  return { request, device, grant: grant ?? null, notify: notify ?? null, approvedEvents: await countEvents('login.approved'), notifyEvents: await countEvents('notify.consent_granted') };
}

/** The login requests, on a database whose nth write fails, with notify's step (its answer is written in the approval's transaction). */
function requestsOn(faulty: ReturnType<typeof failingNthWrite>['db']) {
  const { app, ctx } = p;
  const audit = createAudit({ db: faulty, log: ctx.log });
  const requests = createLoginRequests({ db: faulty, clients: app.clients, devices: createDeviceStore(faulty), residents: app.residents, grants: createGrantStore(faulty), audit, rp: webauthnRp(p.issuer), issuer: p.issuer, tokenKey: ctx.keys.lookupKey });
  requests.addApprovalStep(notificationsAnswer({ clients: app.clients, consents: createConsentStore({ db: faulty, audit }) }));
  return requests;
}

describe('a login approval', () => {
  test.each([
    ['its sign-in', false],
    ['its sign-in and the notifications answer', true],
  ] as const)('fails whole at each of its writes, then succeeds whole: %s', async (_what, withNotifications) => {
    const service = withNotifications ? await createRelyingParty(p.app, p.issuer, { name: 'A notifying service', scope: 'openid profile email notify' }) : rp;
    let outcomes = 0;
    for (let n = 1; ; n++) {
      const s = await showSignInPage(p, service);
      const token = loginTokenFromUrl(s.link)!.token;
      const requestId = (await db().selectFrom('login_requests').select('id').where('interaction_uid', '=', s.uid).executeTakeFirstOrThrow()).id;
      const before = await approvalState(requestId, service);
      const view = await describeRequest(wallet, s.link);
      const share = view.fields.map((f) => f.name);
      const signed = getAssertion({ rpId: wallet.rpId, origin: wallet.server, challenge: approvalChallenge(view.nonce, share, s.code), credential: wallet.credential });
      const faulty = failingNthWrite(db(), n);
      const ok = await requestsOn(faulty.db)
        .approve(token, { credential: signed.response, share, code: s.code, ...(withNotifications ? { notifications: true } : {}) })
        .then(() => true)
        .catch(() => false);
      const after = await approvalState(requestId, service);
      if (faulty.failed()) {
        expect(ok).toBe(false);
        expect(after).toEqual(before);
        expect(after.request.status).toBe('pending');
        outcomes++;
        continue;
      }
      // No fault left to inject (n is past the last write): the approval is complete, with every record.
      expect(ok).toBe(true);
      wallet = { ...wallet, credential: signed.credential };
      expect(after.request.status).toBe('approved');
      expect(after.approvedEvents).toBe(before.approvedEvents + 1);
      expect(after.device.counter).toBeGreaterThan(before.device.counter);
      expect(after.grant).not.toBeNull();
      expect(after.notify).toEqual(withNotifications ? { allowed: 1 } : null);
      expect(after.notifyEvents).toBe(before.notifyEvents + (withNotifications ? 1 : 0));
      break;
    }
    // The update, the device counter, the grant and the audit event (and the answer with its event): each write was made to fail.
    expect(outcomes).toBeGreaterThanOrEqual(withNotifications ? 6 : 4);
  });
});

describe('a decline', () => {
  test('fails whole at each of its writes', async () => {
    for (const n of [1, 2]) {
      const s = await showSignInPage(p, rp);
      const token = loginTokenFromUrl(s.link)!.token;
      const declinedBefore = await countEvents('login.declined');
      const faulty = failingNthWrite(db(), n);
      await expect(requestsOn(faulty.db).decline(token)).rejects.toThrow(/injected fault/);
      const row = await db().selectFrom('login_requests').select('status').where('interaction_uid', '=', s.uid).executeTakeFirstOrThrow();
      expect(row.status).toBe('pending');
      expect(await countEvents('login.declined')).toBe(declinedBefore);
    }
  });
});

describe('a revocation', () => {
  test('removes the grant and writes its audit event together, or neither', async () => {
    wallet = (await login(p, rp, wallet)).wallet;
    const grants = () => db().selectFrom('consent_grants').select('client_id').where('resident_id', '=', wallet.residentId).where('client_id', '=', rp.clientId).execute();
    const revokedBefore = await countEvents('grant.revoked');
    for (const n of [1, 2, 3]) {
      const faulty = failingNthWrite(db(), n);
      const revocation = createRevocation({ db: faulty.db, provider: p.app.provider, grants: createGrantStore(faulty.db), audit: createAudit({ db: faulty.db, log: p.ctx.log }), log: p.ctx.log });
      await expect(revocation.revoke(wallet.residentId, rp.clientId)).rejects.toThrow(/injected fault/);
      expect(await grants()).toHaveLength(1);
      expect(await countEvents('grant.revoked')).toBe(revokedBefore);
    }
    await p.app.revocation.revoke(wallet.residentId, rp.clientId);
    expect(await grants()).toHaveLength(0);
    expect(await countEvents('grant.revoked')).toBe(revokedBefore + 1);
  });
});
