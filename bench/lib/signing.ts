import crypto from 'node:crypto';
import { getAssertion } from '../../packages/cli/src/wallet/authenticator.ts';
import { signingChallenge, signingTokenFromUrl } from '@yat/server/wallet-api/protocol.ts';
import { withDeploymentDb, type Deployment, type YatEnv } from './deployments.ts';
import { send, type Target } from './http.ts';
import { closedLoop } from './load.ts';
import { clientCredentials, FlowError } from './rp.ts';
import { measure, type ScenarioMeta, type ScenarioResult } from './scenario.ts';
import type { Timing } from './suites.ts';
import type { BenchWallet } from './wallet.ts';

/**
 * The signing scenario: a service asks for a signature over one document digest (signing API,
 * client-credentials token with scope "signing"), the resident's wallet reads the request and
 * approves (WebAuthn over the digests), the platform makes a CAdES-B-T signature (resident
 * key, timestamp from its TSA) and the service collects it. `flow` is the whole approval; its
 * rate per server core is "signatures per second per core". The first signature of each
 * resident also issues their certificate; the warm-up absorbs most of those.
 */
type Base = Omit<ScenarioMeta, 'id' | 'kind' | 'concurrency'>;

/** Plus level for the bench wallets' residents, written to the database as a counter upgrade would. */
export async function makePlus(e: YatEnv, postgresUrl: string, residentIds: string[]): Promise<void> {
  await withDeploymentDb(e, postgresUrl, {
    postgres: async (c) => void (await c.query(`UPDATE residents SET assurance = 'plus' WHERE id = ANY($1)`, [residentIds])),
    sqlite: (db) => {
      const update = db.prepare(`UPDATE residents SET assurance = 'plus' WHERE id = ?`);
      for (const id of residentIds) update.run(id);
    },
  });
}

async function json<T>(t: Target, instance: number, method: 'GET' | 'POST', pathname: string, body: unknown, headers: Record<string, string>, expected: number): Promise<T> {
  const res = await send(t, instance, `${t.publicOrigin}${pathname}`, { method, headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status !== expected) throw new FlowError(`${method} ${pathname.replace(/[A-Za-z0-9_-]{20,}/g, '…')}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
  return JSON.parse(res.body) as T;
}

export async function signingApprovals(d: Deployment, base: Base, timing: Timing): Promise<ScenarioResult> {
  const concurrency = Math.min(timing.concurrency, d.wallets.length);
  const meta: ScenarioMeta = { ...base, id: `${d.label}.signing`, kind: 'signing', concurrency };
  let token = await clientCredentials(d.target, 0, d.rp, d.endpoints, 'signing');
  let tokenUntil = Date.now() + (token.expires_in - 30) * 1000;
  const t = d.target;
  return measure(
    meta,
    d.servers,
    (rec, hooks) =>
      closedLoop(rec, { concurrency, warmupMs: timing.warmupMs, durationMs: timing.loginMs, ...hooks }, async (vu) => {
        // One wallet per virtual user: a phone approves one request after another.
        const w: BenchWallet = d.wallets[vu % d.wallets.length]!;
        if (Date.now() > tokenUntil) {
          token = await clientCredentials(t, vu, d.rp, d.endpoints, 'signing');
          tokenUntil = Date.now() + (token.expires_in - 30) * 1000;
        }
        const auth = { authorization: `Bearer ${token.access_token}` };
        const start = performance.now();
        let s = start;
        const step = (name: string) => {
          const now = performance.now();
          rec.record(name, now - s);
          s = now;
        };
        const digest = crypto.createHash('sha256').update(`bench document ${vu} ${start}`).digest('base64');
        const created = await json<{ id: string; url: string }>(t, vu, 'POST', '/api/signing/requests', { documents: [{ name: `contract-${vu}.pdf`, sha256: digest }] }, auth, 201);
        step('sign_request');
        const link = signingTokenFromUrl(created.url);
        if (!link) throw new FlowError(`not a signing link: ${created.url}`);
        const view = await json<{ nonce: string; rpId: string; documents: Array<{ name: string; sha256: string }> }>(t, vu, 'GET', `/api/wallet/signing-requests/${link.token}`, undefined, {}, 200);
        step('sign_describe');
        const signed = getAssertion({ rpId: view.rpId, origin: t.publicOrigin, challenge: signingChallenge(view.nonce, view.documents), credential: w.credential });
        w.credential = signed.credential;
        await json(t, vu, 'POST', `/api/wallet/signing-requests/${link.token}/approve`, { credential: signed.response }, {}, 200);
        step('sign_approve');
        const done = await json<{ status: string; documents: Array<{ signature?: string }> }>(t, vu, 'GET', `/api/signing/requests/${created.id}`, undefined, auth, 200);
        step('sign_collect');
        if (done.status !== 'signed' || !done.documents[0]?.signature) throw new FlowError(`signing request ended ${done.status}`);
        rec.record('flow', performance.now() - start);
      }),
    d,
  );
}
