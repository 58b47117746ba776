import { html, nothing, render, type TemplateResult } from 'lit-html';
import { ApiError, isOffline } from './api.ts';
import { langNames, langs, type Lang, type MessageKey, type T } from './i18n/index.ts';

/**
 * The app's frame (header, language switch, bottom navigation, live region) and the small
 * pieces every screen uses. lit-html renders into the light DOM with escaping by default and
 * binds events with addEventListener, so nothing inline ever needs the CSP relaxed.
 */
export type View = { key: string; title: string; body: TemplateResult; nav?: NavItem | 'none' };
export type NavItem = 'profile' | 'services' | 'activity' | 'devices' | 'scan';

export type Shell = {
  lang: Lang;
  t: T;
  signedIn: boolean;
  flash: string;
  setLang(lang: Lang): void;
  lock(): void;
};

const navItems: Array<{ item: NavItem; href: string; key: MessageKey }> = [
  { item: 'profile', href: '/wallet/', key: 'nav.profile' },
  { item: 'services', href: '/wallet/services', key: 'nav.services' },
  { item: 'activity', href: '/wallet/activity', key: 'nav.activity' },
  { item: 'devices', href: '/wallet/devices', key: 'nav.devices' },
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
    ${navItems.map((n) => html`<li><a href="${n.href}" data-nav aria-current="${n.item === nav ? 'page' : 'false'}">${t(n.key)}</a></li>`)}
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

export const heading = (text: string) => html`<h1 tabindex="-1">${text}</h1>`;

/** Errors appear at the top of the screen, announced at once. */
export function errorBox(t: T, message: string | undefined): TemplateResult | typeof nothing {
  if (!message) return nothing;
  return html`<div class="error-summary" role="alert"><h2>${t('app.errorSummary')}</h2><p>${message}</p></div>`;
}

/** What to tell the resident about a failed call: the server's message, or that they are offline. */
export function messageOf(t: T, err: unknown): string {
  if (isOffline(err)) return t('app.offline');
  if (err instanceof ApiError) return err.message;
  return t('app.error');
}

export const loadingView = (t: T, key: string, nav?: NavItem): View => ({ key, title: t('app.loading'), nav, body: html`${heading(t('app.loading'))}<p class="muted">${t('app.loading')}</p>` });

export function formatDate(lang: Lang, iso: string | null | undefined, withTime = true): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }).format(d);
}

/** An e-ME field's human name in the app's language (the server's label when it sent one). */
export function fieldLabel(t: T, name: string, label?: Partial<Record<Lang, string>>, lang?: Lang): string {
  if (label && lang && label[lang]) return label[lang]!;
  const key = `field.${name}` as MessageKey;
  const text = t(key);
  return text === key ? name : text;
}

/** A service's logo if it is ours to load (the CSP allows only this origin and data: images). */
export function logoOf(service: { name: string; logoUri?: string | null }): TemplateResult {
  const uri = service.logoUri ?? '';
  const loadable = uri.startsWith('data:image/') || uri.startsWith('/') || uri.startsWith(`${location.origin}/`);
  return loadable
    ? html`<img class="logo" src="${uri}" alt="" width="48" height="48">`
    : html`<span class="logo initial" aria-hidden="true">${[...service.name][0] ?? '?'}</span>`;
}

export const listOf = (lang: Lang, items: string[]): string => new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(items);
