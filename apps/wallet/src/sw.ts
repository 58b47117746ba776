import type { Lang } from './i18n/index.ts';
import { alertFor, pushText } from './i18n/push.ts';

/**
 * The wallet's service worker: keeps the app shell (HTML, scripts, styles, icons) so the app
 * opens offline. API calls are never cached — they go to the network or fail. The build
 * replaces the two placeholders with the shell's file list and its content hash.
 * It also shows Web Push alerts: a push carries only `{category, service}` (what a lock
 * screen may show); a tap opens the inbox, where the message itself is fetched.
 * (Built as its own classic script: it imports only modules the app does not.)
 */
type ExtendableEvent = Event & { waitUntil(p: Promise<unknown>): void };
type FetchEvent = ExtendableEvent & { request: Request; respondWith(r: Promise<Response> | Response): void };
type PushEvent = ExtendableEvent & { data: { json(): unknown } | null };
type NotificationEvent = ExtendableEvent & { notification: Notification };
type WindowClient = { url: string; focus(): Promise<unknown>; postMessage(message: unknown): void };
type Worker = {
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEvent) => void): void;
  addEventListener(type: 'push', fn: (e: PushEvent) => void): void;
  addEventListener(type: 'notificationclick', fn: (e: NotificationEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void>; matchAll(opts: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClient[]>; openWindow(url: string): Promise<unknown> };
  registration: ServiceWorkerRegistration;
  location: Location;
};

const sw = self as unknown as Worker;
const SHELL = '__YAT_PRECACHE__'.split(',').filter(Boolean);
const CACHE = 'yat-wallet-__YAT_VERSION__';
const BASE = '/wallet/';

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([BASE, ...SHELL.map((f) => BASE + f)]))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('yat-wallet-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== sw.location.origin || !url.pathname.startsWith(BASE)) return;
  if (req.mode === 'navigate') {
    // Every app path is the same shell: fresh from the network, the cached copy when offline.
    event.respondWith(fetch(req).catch(() => caches.match(BASE).then((r) => r ?? Response.error())));
    return;
  }
  event.respondWith(caches.match(req).then((hit) => hit ?? fetch(req)));
});

// The page keeps the resident's language here (apps/wallet/src/push.ts, the same names).
const PREFS_CACHE = 'yat-prefs';
const LANG_PREF_URL = '/wallet/__prefs/lang';
const INBOX = `${BASE}inbox`;

async function alertLang(): Promise<Lang> {
  const stored = await caches.open(PREFS_CACHE).then((c) => c.match(LANG_PREF_URL)).then((r) => r?.text()).catch(() => undefined);
  return stored && stored in pushText ? (stored as Lang) : 'en';
}

sw.addEventListener('push', (event) => {
  let payload: unknown;
  try {
    payload = event.data?.json();
  } catch {
    payload = undefined;
  }
  event.waitUntil(
    alertLang().then((lang) => {
      const { title, body } = alertFor(payload, lang);
      // One alert for the inbox at a time (tag): a second message replaces it rather than piling up.
      return sw.registration.showNotification(title, { body, lang, tag: 'yat-inbox', icon: `${BASE}icons/icon-192.png`, data: { url: INBOX } });
    }).then(() => sw.clients.matchAll({ type: 'window', includeUncontrolled: true })).then((windows) => windows.forEach((w) => w.postMessage({ type: 'inbox-changed' }))),
  );
});

sw.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    sw.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(async (windows) => {
      const open = windows.find((w) => new URL(w.url).pathname.startsWith(BASE));
      if (!open) return sw.clients.openWindow(INBOX);
      // The app moves to the inbox itself (main.ts), keeping its state.
      open.postMessage({ type: 'open-inbox' });
      return open.focus();
    }),
  );
});
