import fs from 'node:fs';
import path from 'node:path';
import { approvalChallenge, cibaChallenge, loginTokenFromUrl, signingChallenge, signingTokenFromUrl } from '@yat/server/wallet-api/protocol.ts';
import { createCredential, getAssertion, type SoftCredential } from './authenticator.ts';

/**
 * The headless wallet: everything the phone app does, over the same HTTP API, with a
 * software authenticator. Its state (the device key) lives in a directory, like an app's
 * private storage. Used by `yat wallet …`, the tests and the benchmark.
 */
export type WalletState = { server: string; rpId: string; residentId: string; deviceName: string; registeredAt: string; credential: SoftCredential };

export class WalletError extends Error {
  override name = 'WalletError';
  readonly code: string;
  /** The wallet's state after the failed call, when its key was used (the counter moved on). */
  state?: WalletState;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

const stateFile = (dir: string) => path.join(dir, 'wallet.json');

export function loadWallet(dir: string): WalletState {
  const file = stateFile(dir);
  if (!fs.existsSync(file)) throw new WalletError('no_wallet', `No wallet in ${dir}. Run "yat wallet register --store ${dir} …" first.`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as WalletState;
}

export function saveWallet(dir: string, state: WalletState): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${stateFile(dir)}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, stateFile(dir));
}

export async function call<T>(server: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', p: string, body?: unknown, cookie?: string): Promise<T> {
  // The platform takes writes to its APIs only as JSON, an empty object when there is nothing to send.
  if (body === undefined && (method === 'POST' || method === 'PATCH')) body = {};
  const res = await fetch(new URL(p, server), {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as T & { error?: string; message?: string };
  if (!res.ok) throw new WalletError(json.error ?? `http_${res.status}`, json.message ?? `${method} ${p} answered ${res.status}`);
  return json;
}

/** In development the platform keeps text messages in an outbox instead of sending them. */
export async function codeFromOutbox(server: string, since: number): Promise<string> {
  const { messages } = await call<{ messages: Array<{ body: string; created_at: number }> }>(server, 'GET', '/dev/outbox.json');
  const m = messages.find((x) => Number(x.created_at) >= since - 1000 && /registration code is (\d{6})/.test(x.body));
  const code = m?.body.match(/registration code is (\d{6})/)?.[1];
  if (!code) throw new WalletError('no_code', 'No registration code in the development outbox (is the server in development mode?).');
  return code;
}

export type RegisterInput = { server: string; idNumber: string; dob: string; deviceName?: string; code?: (since: number) => Promise<string> };

export async function registerWallet(input: RegisterInput): Promise<WalletState> {
  const server = new URL(input.server).origin;
  const since = Date.now();
  const started = await call<{ registrationId: string }>(server, 'POST', '/api/wallet/registrations', { idNumber: input.idNumber, dob: input.dob });
  const code = await (input.code ?? ((s) => codeFromOutbox(server, s)))(since);
  const { options } = await call<{ options: { challenge: string; rp: { id: string }; user: { id: string } } }>(server, 'POST', `/api/wallet/registrations/${started.registrationId}/verify`, { code });
  const created = createCredential({ rpId: options.rp.id, origin: server, challenge: options.challenge, userHandle: options.user.id });
  const deviceName = input.deviceName ?? 'Headless wallet';
  const done = await call<{ residentId: string }>(server, 'POST', `/api/wallet/registrations/${started.registrationId}/complete`, { credential: created.response, deviceName });
  return { server, rpId: options.rp.id, residentId: done.residentId, deviceName, registeredAt: new Date().toISOString(), credential: created.credential };
}

export type LoginRequestView = {
  service: { clientId: string; name: string; department?: string; verified: boolean };
  fields: Array<{ name: string; label: Record<string, string>; source: string; required: boolean; alreadyGranted: boolean; purpose?: Record<string, string> }>;
  nonce: string;
  codeChoices: string[];
  rpId: string;
  expiresAt: string;
  continueUrl: string;
};

function tokenOf(state: WalletState, url: string): string {
  const parsed = loginTokenFromUrl(url);
  if (!parsed) throw new WalletError('invalid_url', 'This is not a Yat sign-in link.');
  // A wallet only answers requests from the platform it is registered with.
  if (parsed.origin !== state.server) throw new WalletError('wrong_platform', `This link is for ${parsed.origin}, but the wallet is registered with ${state.server}.`);
  return parsed.token;
}

export const describeRequest = (state: WalletState, url: string) => call<LoginRequestView>(state.server, 'GET', `/api/wallet/login-requests/${tokenOf(state, url)}`);

/**
 * `share`: "all", "none", "required" (only what the service requires), or the field names
 * to share. `code`: the two-digit verification code the sign-in page shows, which the
 * resident picks among the three the wallet offers (a phone's user reads it off the screen;
 * the headless wallet is told it). `notifications`: the answer to the approval screen's
 * notifications switch, for a service that registered them. Returns the new state (counter).
 */
export async function approveRequest(state: WalletState, url: string, share: 'all' | 'none' | 'required' | string[], code: string, opts: { notifications?: boolean } = {}) {
  const token = tokenOf(state, url);
  const view = await call<LoginRequestView>(state.server, 'GET', `/api/wallet/login-requests/${token}`);
  const asked = view.fields.map((f) => f.name);
  const chosen = share === 'all' ? asked : share === 'none' ? [] : share === 'required' ? view.fields.filter((f) => f.required).map((f) => f.name) : share;
  const unknown = chosen.filter((n) => !asked.includes(n));
  if (unknown.length) throw new WalletError('invalid_share', `The service did not ask for: ${unknown.join(', ')}. It asked for: ${asked.join(', ') || 'nothing'}.`);
  // The phone offers exactly these three; a code that is not among them cannot be picked.
  if (!view.codeChoices.includes(code)) throw new WalletError('wrong_code', `The wallet offers the codes ${view.codeChoices.join(', ')}; pick the one the sign-in page shows.`);
  const signed = getAssertion({ rpId: state.rpId, origin: state.server, challenge: approvalChallenge(view.nonce, chosen, code), credential: state.credential });
  const result = await call<{ status: string; service: string; shared: string[] }>(state.server, 'POST', `/api/wallet/login-requests/${token}/approve`, { credential: signed.response, share: chosen, code, ...opts });
  return { result, state: { ...state, credential: signed.credential } };
}

export async function declineRequest(state: WalletState, url: string) {
  return call<{ status: string }>(state.server, 'POST', `/api/wallet/login-requests/${tokenOf(state, url)}/decline`, {});
}

/**
 * The wallet app's own session: an assertion over a server challenge, answered with the
 * `yat_wallet` cookie. Returns the cookie (as a Cookie header value) and the new state.
 */
export async function openSession(state: WalletState): Promise<{ cookie: string; state: WalletState; expiresAt: string }> {
  const { challenge } = await call<{ challenge: string }>(state.server, 'POST', '/api/wallet/session/challenge', {});
  const signed = getAssertion({ rpId: state.rpId, origin: state.server, challenge, credential: state.credential });
  const res = await fetch(new URL('/api/wallet/session', state.server), {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({ credential: signed.response }),
  });
  const json = (await res.json().catch(() => ({}))) as { expiresAt?: string; error?: string; message?: string };
  if (!res.ok) throw new WalletError(json.error ?? `http_${res.status}`, json.message ?? `session answered ${res.status}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('yat_wallet='));
  if (!cookie) throw new WalletError('no_session', 'The platform did not set the wallet session cookie.');
  return { cookie, state: { ...state, credential: signed.credential }, expiresAt: json.expiresAt! };
}

/** A call to the signed-in wallet API (`/api/wallet/me`, `/services`, …) with the session cookie. */
export const walletCall = <T>(state: WalletState, cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', p: string, body?: unknown) => call<T>(state.server, method, p, body, cookie);

/** Describes a login request as a signed-in wallet sees it (with `alreadyGranted`). */
export const describeRequestSignedIn = (state: WalletState, cookie: string, url: string) => call<LoginRequestView>(state.server, 'GET', `/api/wallet/login-requests/${tokenOf(state, url)}`, undefined, cookie);

/** A signing request as the wallet shows it: the service, each document's name and fingerprint, the verification code. */
export type SigningRequestView = {
  service: { clientId: string; name: string; department?: string; verified: boolean };
  documents: Array<{ name: string; sha256: string; fingerprint: string; kind: 'hash' | 'pdf' }>;
  verificationCode: string;
  nonce: string;
  rpId: string;
  expiresAt: string;
};

export type CibaRequestView = {
  id: string;
  service: { clientId: string; name: string; department: string | null; domain: string | null; verified: boolean };
  bindingMessage: string;
  acrValues: string[];
  satisfiable: boolean;
  nonce: string;
  rpId: string;
  expiresAt: string;
};

export const isSigningUrl = (url: string): boolean => signingTokenFromUrl(url) !== undefined;

function signingTokenOf(state: WalletState, url: string): string {
  const parsed = signingTokenFromUrl(url);
  if (!parsed) throw new WalletError('invalid_url', 'This is not a Yat signing link.');
  if (parsed.origin !== state.server) throw new WalletError('wrong_platform', `This link is for ${parsed.origin}, but the wallet is registered with ${state.server}.`);
  return parsed.token;
}

export const describeSigning = (state: WalletState, url: string) => call<SigningRequestView>(state.server, 'GET', `/api/wallet/signing-requests/${signingTokenOf(state, url)}`);

/**
 * Approves a signing request: the assertion's challenge covers the nonce and every
 * document's name and digest as the wallet was shown them. `expectCode`, when given, must
 * equal the verification code (what a person compares with the service's page).
 */
export async function approveSigning(state: WalletState, url: string, opts: { expectCode?: string } = {}) {
  const token = signingTokenOf(state, url);
  const view = await call<SigningRequestView>(state.server, 'GET', `/api/wallet/signing-requests/${token}`);
  if (opts.expectCode && opts.expectCode !== view.verificationCode) throw new WalletError('code_mismatch', `The verification code is ${view.verificationCode}, not ${opts.expectCode}: do not approve.`);
  const signed = getAssertion({ rpId: state.rpId, origin: state.server, challenge: signingChallenge(view.nonce, view.documents), credential: state.credential });
  const result = await call<{ status: string; service: string; documents: number }>(state.server, 'POST', `/api/wallet/signing-requests/${token}/approve`, { credential: signed.response });
  return { result, view, state: { ...state, credential: signed.credential } };
}

export const declineSigning = (state: WalletState, url: string) => call<{ status: string }>(state.server, 'POST', `/api/wallet/signing-requests/${signingTokenOf(state, url)}/decline`, {});

/** The backchannel (CIBA) requests services sent this resident, as the wallet lists them. */
export async function pendingCibaRequests(state: WalletState): Promise<{ requests: CibaRequestView[]; state: WalletState }> {
  const s = await openSession(state);
  const { requests } = await walletCall<{ requests: CibaRequestView[] }>(s.state, s.cookie, 'GET', '/api/wallet/ciba-requests');
  return { requests, state: s.state };
}

/** Approves one CIBA request (by the id `pendingCibaRequests` lists) with the device key. */
export async function approveCibaRequest(state: WalletState, id: string) {
  const s = await openSession(state);
  const { requests } = await walletCall<{ requests: CibaRequestView[] }>(s.state, s.cookie, 'GET', '/api/wallet/ciba-requests');
  const r = requests.find((x) => x.id === id);
  if (!r) throw new WalletError('unknown_request', `No pending request ${id}. "yat wallet pending" lists them.`);
  const signed = getAssertion({ rpId: s.state.rpId, origin: s.state.server, challenge: cibaChallenge(r.nonce, r.id, r.bindingMessage), credential: s.state.credential });
  const next = { ...s.state, credential: signed.credential };
  try {
    const result = await walletCall<{ status: string; service: string }>(s.state, s.cookie, 'POST', `/api/wallet/ciba-requests/${id}/approve`, { credential: signed.response });
    return { result, state: next };
  } catch (err) {
    if (err instanceof WalletError) err.state = next;
    throw err;
  }
}

export async function declineCibaRequest(state: WalletState, id: string) {
  const s = await openSession(state);
  const result = await walletCall<{ status: string }>(s.state, s.cookie, 'POST', `/api/wallet/ciba-requests/${id}/decline`, {});
  return { result, state: s.state };
}
