import { createCredential, getAssertion, type SoftCredential } from '../../packages/cli/src/wallet/authenticator.ts';
import { approvalChallenge, loginTokenFromUrl } from '@yat/server/wallet-api/protocol.ts';
import { FlowError } from './rp.ts';
import { send, type Target } from './http.ts';
import type { SmsSink } from './sms-sink.ts';

/**
 * The headless wallet's protocol (packages/cli/src/wallet/headless-wallet.ts) with its
 * software authenticator, speaking through the bench's connection pools: the CLI wallet uses
 * global fetch against the issuer URL, which here is a public https name served through the
 * "proxy". Same requests, same signatures, same server-side verification.
 */
export type BenchWallet = { residentId: string; credential: SoftCredential; busy: boolean };

const jsonHeaders = { 'content-type': 'application/json', accept: 'application/json' };

async function call<T>(t: Target, instance: number, method: 'GET' | 'POST', path: string, body?: unknown, expected = 200): Promise<T> {
  const res = await send(t, instance, `${t.publicOrigin}${path}`, { method, headers: body === undefined ? { accept: 'application/json' } : jsonHeaders, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status !== expected) throw new FlowError(`${method} ${path.replace(/[A-Za-z0-9_-]{20,}/g, '…')}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
  return JSON.parse(res.body) as T;
}

/** Registers a wallet for a registry record: start → SMS code (from the gateway sink) → verify → WebAuthn create → complete. */
export async function registerBenchWallet(t: Target, sms: SmsSink, person: { idNumber: string; dob: string; phone: string }): Promise<BenchWallet> {
  const started = await call<{ registrationId: string }>(t, 0, 'POST', '/api/wallet/registrations', { idNumber: person.idNumber, dob: person.dob }, 201);
  const code = await sms.codeFor(person.phone);
  const { options } = await call<{ options: { challenge: string; rp: { id: string }; user: { id: string } } }>(t, 0, 'POST', `/api/wallet/registrations/${started.registrationId}/verify`, { code });
  const created = createCredential({ rpId: options.rp.id, origin: t.publicOrigin, challenge: options.challenge, userHandle: options.user.id });
  const done = await call<{ residentId: string }>(t, 0, 'POST', `/api/wallet/registrations/${started.registrationId}/complete`, { credential: created.response, deviceName: 'Bench phone' }, 201);
  return { residentId: done.residentId, credential: created.credential, busy: false };
}

type View = { fields: Array<{ name: string }>; nonce: string; rpId: string };

/** The two wallet requests of a login: read the request (who asks, what, nonce), then approve with a signature over nonce + shared fields. */
export async function walletDescribe(t: Target, instance: number, link: string): Promise<{ token: string; view: View }> {
  const parsed = loginTokenFromUrl(link);
  if (!parsed || parsed.origin !== t.publicOrigin) throw new FlowError(`not a sign-in link of this platform: ${link}`);
  return { token: parsed.token, view: await call<View>(t, instance, 'GET', `/api/wallet/login-requests/${parsed.token}`) };
}

export async function walletApprove(t: Target, instance: number, w: BenchWallet, token: string, view: View, code: string): Promise<void> {
  const share = view.fields.map((f) => f.name);
  const signed = getAssertion({ rpId: view.rpId, origin: t.publicOrigin, challenge: approvalChallenge(view.nonce, share, code), credential: w.credential });
  w.credential = signed.credential;
  const r = await call<{ status: string }>(t, instance, 'POST', `/api/wallet/login-requests/${token}/approve`, { credential: signed.response, share, code });
  if (r.status !== 'approved') throw new FlowError(`approve: ${r.status}`);
}
