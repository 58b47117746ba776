import { html, nothing, render, type TemplateResult } from 'lit-html';
import { ApiError, isOffline, type ServiceNames } from './api.ts';
import { langNames, langs, messages, translator, type Lang, type MessageKey, type T } from './i18n/index.ts';

/**
 * The app's frame (header, language switch, bottom navigation, live region) and the small
 * pieces every screen uses. lit-html renders into the light DOM with escaping by default and
 * binds events with addEventListener, so nothing inline ever needs the CSP relaxed.
 */
export type View = { key: string; title: string; body: TemplateResult; nav?: NavItem | 'none' };
export type NavItem = 'profile' | 'inbox' | 'services' | 'activity' | 'scan';

export type Shell = {
  lang: Lang;
  t: T;
  signedIn: boolean;
  flash: string;
  /** Unread inbox messages (the badge), once known. */
  unread: number | undefined;
  setLang(lang: Lang): void;
  lock(): void;
};

const navItems: Array<{ item: NavItem; href: string; key: MessageKey }> = [
  { item: 'profile', href: '/wallet/', key: 'nav.profile' },
  { item: 'inbox', href: '/wallet/inbox', key: 'nav.inbox' },
  { item: 'services', href: '/wallet/services', key: 'nav.services' },
  { item: 'activity', href: '/wallet/activity', key: 'nav.activity' },
  { item: 'scan', href: '/wallet/scan', key: 'nav.scan' },
];

let shownKey: string | undefined;

export function renderView(root: HTMLElement, shell: Shell, view: View): void {
  const { t } = shell;
  const nav = view.nav && view.nav !== 'none' && shell.signedIn ? view.nav : undefined;
  render(
    html`<a class="skip" href="#main">${t('app.skip')}</a>
<header class="bar">
  <a class="brand" href="/wallet/" data-nav>${t('app.name')}</a>
  <nav aria-label="${t('app.language')}"><ul class="langs">
    ${langs.map((l) => html`<li><button type="button" class="lang" lang="${l}" aria-pressed="${l === shell.lang ? 'true' : 'false'}" @click=${() => shell.setLang(l)}>${langNames[l]}</button></li>`)}
  </ul></nav>
</header>
<main id="main" tabindex="-1">
  <div role="status" aria-live="polite" class="flash ${shell.flash ? '' : 'empty'}">${shell.flash}</div>
  ${view.body}
  ${shell.signedIn && nav ? html`<p class="lock-row"><button type="button" class="button secondary small" @click=${() => shell.lock()}>${t('app.lock')}</button></p>` : nothing}
</main>
${nav
  ? html`<nav class="tabs" aria-label="${t('app.menu')}"><ul>
    ${navItems.map((n) => html`<li><a href="${n.href}" data-nav aria-current="${n.item === nav ? 'page' : 'false'}">${t(n.key)}${n.item === 'inbox' ? unreadBadge(t, shell.unread) : nothing}</a></li>`)}
  </ul></nav>`
  : nothing}`,
    root,
  );
  document.title = `${view.title} – ${t('app.name')}`;
  document.documentElement.lang = shell.lang;
  // A new screen moves focus to its heading, so screen readers announce where the resident is.
  if (shownKey !== undefined && shownKey !== view.key) root.querySelector<HTMLElement>('h1')?.focus();
  shownKey = view.key;
}

/** The unread count beside "Inbox": the number is seen, "3 unread" is what a screen reader says. */
function unreadBadge(t: T, unread: number | undefined) {
  if (!unread) return nothing;
  const shown = unread > 99 ? '99+' : String(unread);
  return html` <span class="count" data-unread="${unread}"><span aria-hidden="true">${shown}</span><span class="visually-hidden">${t('inbox.unreadCount', { count: unread })}</span></span>`;
}

export const heading = (text: string) => html`<h1 tabindex="-1">${text}</h1>`;

/** Errors appear at the top of the screen, announced at once. */
export function errorBox(t: T, message: string | undefined): TemplateResult | typeof nothing {
  if (!message) return nothing;
  return html`<div class="error-summary" role="alert"><h2>${t('app.errorSummary')}</h2><p>${message}</p></div>`;
}

/**
 * What to tell the resident about a failed call, in their language: the app's own words for
 * the error's code (what happened and what to do), else the server's message, or that they are
 * offline. Technical detail never reaches the screen; the platform keeps it in its audit trail.
 */
export function messageOf(t: T, err: unknown): string {
  if (isOffline(err)) return t('app.offline');
  if (err instanceof ApiError) {
    const key = `error.${err.code}` as MessageKey;
    if (key in messages.en) return t(key);
    return err.status >= 500 ? t('app.error') : err.message;
  }
  return t('app.error');
}

/** A service's name (and department) in the app's language. */
export const serviceName = (s: ServiceNames, lang: Lang): string => s.names?.[lang] || s.name;
export const departmentName = (s: ServiceNames, lang: Lang): string | undefined => (s.department ? s.departmentNames?.[lang] || s.department : undefined);

export const loadingView = (t: T, key: string, nav?: NavItem): View => ({ key, title: t('app.loading'), nav, body: html`${heading(t('app.loading'))}<p class="muted">${t('app.loading')}</p>` });

/**
 * Dates and times as the whole platform writes them (apps/server/src/i18n/time.ts): Hong Kong
 * time whatever the phone's zone, the 24-hour clock, "29 Nov 2026, 04:35" in English and
 * "2026年11月29日 04:35" in both Chinese scripts, the time labelled as Hong Kong time.
 */
const monthsEn = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function formatDate(lang: Lang, iso: string | null | undefined, withTime = true): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const fmt = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Hong_Kong' });
  const p = Object.fromEntries(fmt.formatToParts(d).map((x) => [x.type, x.value]));
  const date = lang === 'en' ? `${Number(p.day)} ${monthsEn[Number(p.month) - 1]} ${p.year}` : `${p.year}年${Number(p.month)}月${Number(p.day)}日`;
  if (!withTime) return date;
  const time = `${p.hour}:${p.minute}`;
  return translator(lang)('app.hongKongTime', { time: lang === 'en' ? `${date}, ${time}` : `${date} ${time}` });
}

/** An e-ME field's human name in the app's language (the server's label when it sent one). */
export function fieldLabel(t: T, name: string, label?: Partial<Record<Lang, string>>, lang?: Lang): string {
  if (label && lang && label[lang]) return label[lang]!;
  const key = `field.${name}` as MessageKey;
  const text = t(key);
  return text === key ? name : text;
}

/** A service's logo if it is ours to load (the CSP allows only this origin and data: images). */
export function logoOf(service: { name: string; logoUri?: string | null }, lang?: Lang): TemplateResult {
  const uri = service.logoUri ?? '';
  const loadable = uri.startsWith('data:image/') || uri.startsWith('/') || uri.startsWith(`${location.origin}/`);
  return loadable
    ? html`<img class="logo" src="${uri}" alt="" width="48" height="48">`
    : html`<span class="logo initial" aria-hidden="true">${[...(lang ? serviceName(service, lang) : service.name)][0] ?? '?'}</span>`;
}

export const listOf = (lang: Lang, items: string[]): string => new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(items);
