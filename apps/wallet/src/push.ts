import { api } from './api.ts';
import { fromBase64url } from './base64url.ts';
import type { Lang } from './i18n/index.ts';

/**
 * Web Push for this phone: subscribed only when the resident turns alerts on (the browser then
 * asks for permission too), with the platform's VAPID key as the applicationServerKey; the
 * subscription is registered with the platform, which sends pushes carrying only a category
 * and the sender's name. Turning alerts off unsubscribes here and there.
 */
export type PushState = 'unsupported' | 'denied' | 'on' | 'off';

export class PushFailed extends Error {
  override name = 'PushFailed';
  readonly reason: 'denied' | 'push_service';
  constructor(reason: 'denied' | 'push_service') {
    super(reason);
    this.reason = reason;
  }
}

const supported = () => 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

async function registration(): Promise<ServiceWorkerRegistration | undefined> {
  if (!supported()) return undefined;
  return (await navigator.serviceWorker.getRegistration('/wallet/')) ?? navigator.serviceWorker.register('/wallet/sw.js', { scope: '/wallet/' });
}

export async function pushState(): Promise<PushState> {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  const sub = await (await registration())?.pushManager.getSubscription();
  return sub && Notification.permission === 'granted' ? 'on' : 'off';
}

export async function enablePush(): Promise<void> {
  if ((await Notification.requestPermission()) !== 'granted') throw new PushFailed('denied');
  const reg = await registration();
  if (!reg) throw new PushFailed('push_service');
  const { publicKey } = await api<{ publicKey: string }>('GET', '/api/wallet/push/key');
  let sub: PushSubscription;
  try {
    sub = (await reg.pushManager.getSubscription()) ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64url(publicKey) }));
  } catch {
    // The browser's push service could not be reached (or refused): nothing was registered.
    throw new PushFailed('push_service');
  }
  await api('POST', '/api/wallet/push/subscriptions', { subscription: sub.toJSON() });
}

export async function disablePush(): Promise<void> {
  const sub = await (await registration())?.pushManager.getSubscription();
  if (!sub) return;
  await api('POST', '/api/wallet/push/unsubscribe', { endpoint: sub.endpoint });
  await sub.unsubscribe();
}

/** The service worker writes lock-screen alerts in the resident's language: it reads it from here. */
export const PREFS_CACHE = 'yat-prefs';
export const LANG_PREF_URL = '/wallet/__prefs/lang';

export function rememberLangForAlerts(lang: Lang): void {
  if (!('caches' in window)) return;
  void caches
    .open(PREFS_CACHE)
    .then((c) => c.put(LANG_PREF_URL, new Response(lang)))
    .catch(() => undefined);
}
