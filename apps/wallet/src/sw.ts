/**
 * The wallet's service worker: keeps the app shell (HTML, scripts, styles, icons) so the app
 * opens offline. API calls are never cached — they go to the network or fail. The build
 * replaces the two placeholders with the shell's file list and its content hash.
 */
type ExtendableEvent = Event & { waitUntil(p: Promise<unknown>): void };
type FetchEvent = ExtendableEvent & { request: Request; respondWith(r: Promise<Response> | Response): void };
type Worker = {
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
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
