import { api } from './api.ts';
import { loadDeviceKey } from './device-key.ts';
import { chooseLang, translator, type Lang } from './i18n/index.ts';
import type { Screen, ScreenCtx } from './screen.ts';
import { activityScreen } from './screens/activity.ts';
import { approveScreen } from './screens/approve.ts';
import { devicesScreen } from './screens/devices.ts';
import { notFoundScreen } from './screens/not-found.ts';
import { profileScreen } from './screens/profile.ts';
import { registerScreen } from './screens/register.ts';
import { requestsScreen } from './screens/requests.ts';
import { scanScreen } from './screens/scan.ts';
import { inboxScreen, messageScreen } from './screens/inbox.ts';
import { notificationSettingsScreen } from './screens/notification-settings.ts';
import { servicesScreen } from './screens/services.ts';
import { signScreen } from './screens/sign.ts';
import { welcomeScreen } from './screens/welcome.ts';
import { recoverScreen } from './screens/recover.ts';
import { upgradeScreen } from './screens/upgrade.ts';
import { rememberLangForAlerts } from './push.ts';
import { renderView, type View } from './ui.ts';

/**
 * The wallet app: a small router over /wallet/… paths (the server answers every one of them
 * with this app), the language, and which screen is current.
 */
const LANG_KEY = 'yat.wallet.lang';
const root = document.getElementById('app')!;
// The static shell in index.html (shown before the script runs, and without it) makes way for the app.
root.replaceChildren();

const query = new URLSearchParams(location.search).get('lang');
let lang: Lang = chooseLang(query, localStorage.getItem(LANG_KEY), navigator.languages ?? [navigator.language]);
if (query === lang) localStorage.setItem(LANG_KEY, lang);
let signedIn = false;
let unread: number | undefined;
let flash = '';
let generation = 0;
let currentView: (() => View) | undefined;

const shell = {
  get lang() {
    return lang;
  },
  get t() {
    return translator(lang);
  },
  get signedIn() {
    return signedIn;
  },
  get flash() {
    return flash;
  },
  get unread() {
    return unread;
  },
  setLang(next: Lang) {
    lang = next;
    localStorage.setItem(LANG_KEY, next);
    rememberLangForAlerts(next);
    const url = new URL(location.href);
    if (url.searchParams.has('lang')) {
      url.searchParams.set('lang', next);
      history.replaceState(history.state, '', url);
    }
    draw();
  },
  lock() {
    void api('POST', '/api/wallet/session/logout', {}).finally(() => {
      signedIn = false;
      unread = undefined;
      flash = translator(lang)('app.locked');
      route();
    });
  },
};

function draw() {
  if (currentView) renderView(root, shell, currentView());
}

/** The inbox badge follows the platform's count: asked once a screen has a session, and after a push. */
let unreadAsked = 0;
function refreshUnread() {
  const asked = ++unreadAsked;
  api<{ unread: number }>('GET', '/api/wallet/notifications/unread')
    .then((r) => {
      if (asked !== unreadAsked || !signedIn) return;
      unread = r.unread;
      draw();
    })
    .catch(() => undefined);
}

const routes: Record<string, Screen> = {
  '': (ctx) => (loadDeviceKey() ? profileScreen(ctx) : welcomeScreen(ctx)),
  welcome: welcomeScreen,
  register: registerScreen,
  scan: scanScreen,
  login: approveScreen,
  sign: signScreen,
  services: servicesScreen,
  activity: activityScreen,
  devices: devicesScreen,
  upgrade: upgradeScreen,
  recover: recoverScreen,
  requests: requestsScreen,
  inbox: inboxScreen,
  'notification-settings': notificationSettingsScreen,
};

export function appPath(pathname: string): string {
  return pathname.replace(/^\/wallet\/?/, '').replace(/\/+$/, '');
}

function route() {
  const mine = ++generation;
  let askedThisScreen = false;
  const ctx: ScreenCtx = {
    get lang() {
      return lang;
    },
    get t() {
      return translator(lang);
    },
    show(view) {
      if (mine !== generation) return;
      currentView = view;
      draw();
    },
    go,
    flash(message) {
      if (mine !== generation) return;
      flash = message;
      draw();
    },
    alive: () => mine === generation,
    setSignedIn(value) {
      const opened = value && !signedIn;
      signedIn = value;
      if (!value) unread = undefined;
      // Once per screen (and when a session opens), not on every redraw.
      if (value && (opened || !askedThisScreen)) {
        askedThisScreen = true;
        refreshUnread();
      }
    },
    setUnread(value) {
      unreadAsked++;
      unread = value;
      draw();
    },
    refreshUnread,
  };
  const path = appPath(location.pathname);
  // A message has its own address: /wallet/inbox/<id>.
  const screen = routes[path] ?? (/^inbox\/[A-Za-z0-9_-]{1,100}$/.test(path) ? messageScreen : notFoundScreen);
  screen(ctx);
}

function go(path: string, opts: { replace?: boolean; flash?: string } = {}) {
  flash = opts.flash ?? '';
  if (opts.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  route();
}

// Links inside the app change the screen without reloading the page.
document.addEventListener('click', (event) => {
  const a = (event.target as Element | null)?.closest?.('a[data-nav]');
  if (!(a instanceof HTMLAnchorElement) || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  go(a.pathname + a.search + a.hash);
});
window.addEventListener('popstate', () => {
  flash = '';
  route();
});
// A login link opened while the app is showing (same tab) only changes the hash.
window.addEventListener('hashchange', () => {
  if (['login', 'upgrade', 'sign'].includes(appPath(location.pathname))) route();
});

if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('/wallet/sw.js', { scope: '/wallet/' }).catch(() => undefined);
  // A tapped alert brings this window forward (sw.ts): show the inbox. A push on screen updates the badge.
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
    if (event.data?.type === 'open-inbox') go('/wallet/inbox');
    if (event.data?.type === 'inbox-changed' && signedIn) refreshUnread();
  });
}
rememberLangForAlerts(lang);

route();
