/**
 * What this phone remembers about its wallet key: the credential's id (not a secret — the
 * private key never leaves the authenticator) so approvals can name the key to use.
 */
const KEY = 'yat.wallet.credential';

export type DeviceKey = { credentialId: string; residentId?: string; deviceName?: string };

export function loadDeviceKey(): DeviceKey | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as DeviceKey) : undefined;
    return parsed && typeof parsed.credentialId === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export const saveDeviceKey = (key: DeviceKey): void => localStorage.setItem(KEY, JSON.stringify(key));
export const forgetDeviceKey = (): void => localStorage.removeItem(KEY);

/** A login link opened before this phone was registered: approved once registration is done. */
const PENDING = 'yat.wallet.pendingLogin';
export const rememberPendingLogin = (token: string): void => sessionStorage.setItem(PENDING, token);
export function takePendingLogin(): string | undefined {
  const token = sessionStorage.getItem(PENDING) ?? undefined;
  sessionStorage.removeItem(PENDING);
  return token;
}
