import { staffConfirmationChallenge, upgradeChallenge } from '@yat/server/counter/protocol.ts';
import { createCredential, getAssertion } from './authenticator.ts';
import { call, openSession, WalletError, walletCall, type WalletState } from './headless-wallet.ts';

/**
 * The headless wallet at a registration counter, over the same HTTP API as the phone app:
 * the resident's upgrade code and confirmation, recovery onto a new device, and the staff
 * member's confirmation signed with the staff member's own wallet.
 */
export type UpgradeCode = { code: string; url: string; expiresAt: string };

/** "Upgrade at a counter": what the wallet shows (a code for staff, a link for the resident's own confirmation). */
export async function upgradeCode(state: WalletState): Promise<{ result: UpgradeCode; state: WalletState }> {
  const session = await openSession(state);
  const r = await walletCall<UpgradeCode>(session.state, session.cookie, 'POST', '/api/wallet/upgrade', {});
  return { result: { code: r.code, url: r.url, expiresAt: r.expiresAt }, state: session.state };
}

export function upgradeTokenFromUrl(url: string): { origin: string; token: string } | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const token = u.hash.slice(1);
  return u.pathname === '/wallet/upgrade' && /^[A-Za-z0-9_-]{43}$/.test(token) ? { origin: u.origin, token } : undefined;
}

export const isUpgradeUrl = (url: string): boolean => upgradeTokenFromUrl(url) !== undefined;

/** The resident's confirmation (user verification on the device key); refused until staff have confirmed. */
export async function approveUpgrade(state: WalletState, url: string): Promise<{ result: { status: string; assurance: string }; state: WalletState }> {
  const parsed = upgradeTokenFromUrl(url);
  if (!parsed) throw new WalletError('invalid_url', 'This is not a Yat upgrade link.');
  if (parsed.origin !== state.server) throw new WalletError('wrong_platform', `This link is for ${parsed.origin}, but the wallet is registered with ${state.server}.`);
  const view = await call<{ status: string; nonce: string }>(state.server, 'GET', `/api/wallet/upgrade/${parsed.token}`);
  const signed = getAssertion({ rpId: state.rpId, origin: state.server, challenge: upgradeChallenge(view.nonce), credential: state.credential });
  const result = await call<{ status: string; assurance: string }>(state.server, 'POST', `/api/wallet/upgrade/${parsed.token}/approve`, { credential: signed.response });
  return { result, state: { ...state, credential: signed.credential } };
}

/** The staff member's confirmation that the document was checked, signed by their own wallet. */
export async function confirmAtCounter(staff: WalletState, input: { code: string; documentType: string; documentNumber: string }) {
  const { challenge: nonce } = await call<{ challenge: string }>(staff.server, 'POST', '/api/counter/challenge', {});
  const signed = getAssertion({ rpId: staff.rpId, origin: staff.server, challenge: staffConfirmationChallenge(nonce, input.code, input.documentType, input.documentNumber), credential: staff.credential });
  const result = await call<{ status: string; caseId: string; counterId: string | null }>(staff.server, 'POST', '/api/counter/upgrades/confirm', { ...input, nonce, credential: signed.response });
  return { result, state: { ...staff, credential: signed.credential } };
}

/** A new device for a resident who lost theirs, with the one-time code from the counter. */
export async function recoverWallet(input: { server: string; code: string; deviceName?: string }): Promise<WalletState> {
  const server = new URL(input.server).origin;
  const { options } = await call<{ options: { challenge: string; rp: { id: string }; user: { id: string } } }>(server, 'POST', '/api/wallet/recovery', { code: input.code });
  const created = createCredential({ rpId: options.rp.id, origin: server, challenge: options.challenge, userHandle: options.user.id });
  const deviceName = input.deviceName ?? 'Recovered headless wallet';
  const done = await call<{ residentId: string }>(server, 'POST', '/api/wallet/recovery/complete', { code: input.code, credential: created.response, deviceName });
  return { server, rpId: options.rp.id, residentId: done.residentId, deviceName, registeredAt: new Date().toISOString(), credential: created.credential };
}
