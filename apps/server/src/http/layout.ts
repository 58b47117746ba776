import { langNames, langs, type Lang, type T } from '../i18n/index.ts';
import { html, type Html } from './html.ts';

export type PageContext = { lang: Lang; t: T; path: string; query?: URLSearchParams; account?: AccountNav };

/** The portal's account links in the header (set by portal/account for portal pages). */
export type AccountNav = { signedIn: boolean; unread: number; csrf: string };

/** The same URL in another language: the language switcher keeps the page. */
export function langHref(ctx: Pick<PageContext, 'path' | 'query'>, lang: Lang): string {
  const q = new URLSearchParams(ctx.query);
  q.set('lang', lang);
  return `${ctx.path}?${q.toString()}`;
}

/**
 * The frame every page shares. A part of the platform with its own identity (the consoles)
 * names itself, adds its stylesheet and what its header ends with; the rest is the same.
 */
export type Frame = { name: string; home: string; tagline?: string; bodyClass?: string; stylesheets?: string[]; headerEnd?: Html | '' };

export function page(ctx: PageContext, opts: { title: string; body: Html; scripts?: string[]; head?: Html; frame?: Frame }): string {
  const { lang, t } = ctx;
  const f: Frame = opts.frame ?? { name: t('common.appName'), home: `/?lang=${lang}`, tagline: t('common.tagline'), headerEnd: ctx.account ? accountNav(ctx, ctx.account) : '' };
  return `<!doctype html>${html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} – ${f.name}</title>
<link rel="stylesheet" href="/assets/yat.css">
${(f.stylesheets ?? []).map((href) => html`<link rel="stylesheet" href="${href}">`)}
${opts.head}
${(opts.scripts ?? []).map((s) => html`<script src="${s}" defer></script>`)}
</head>
<body${f.bodyClass ? html` class="${f.bodyClass}"` : ''}>
<a class="skip" href="#main">${t('common.skip')}</a>
<header class="site">
  <a class="brand" href="${f.home}">${f.name}${f.tagline ? html` <span class="tagline">${f.tagline}</span>` : ''}</a>
  <nav aria-label="${t('common.language')}"><ul class="langs">
    ${langs.map((l) => html`<li><a href="${langHref(ctx, l)}" lang="${l}" hreflang="${l}" ${l === lang ? html`aria-current="true"` : ''}>${langNames[l]}</a></li>`)}
  </ul></nav>
  ${f.headerEnd ?? ''}
</header>
<main id="main">
${opts.body}
</main>
<footer class="site"><p>${t('common.footer')}</p></footer>
</body>
</html>`}`;
}

export function errorBody(ctx: PageContext, message: string, code?: string): Html {
  const { t } = ctx;
  return html`<h1>${t('error.title')}</h1>
<p class="lead">${message}</p>
${code ? html`<p class="muted">${t('error.code', { code })}</p>` : ''}
<p><a class="button secondary" href="/?lang=${ctx.lang}">${t('error.back')}</a></p>`;
}

function accountNav(ctx: PageContext, a: AccountNav): Html {
  const { t, lang } = ctx;
  const here = `${ctx.path}${ctx.query?.size ? `?${ctx.query.toString()}` : ''}`;
  if (!a.signedIn) return html`<nav aria-label="${t('applications.nav.label')}"><ul class="account-nav"><li><a href="/account/login?return=${encodeURIComponent(here)}">${t('applications.nav.signIn')}</a></li></ul></nav>`;
  return html`<nav aria-label="${t('applications.nav.label')}"><ul class="account-nav">
    <li><a href="/applications?lang=${lang}">${t('applications.nav.applications')}</a></li>
    <li><a href="/inbox?lang=${lang}">${t('applications.nav.inbox')}${a.unread ? html` <span class="count">${t('applications.nav.unread', { count: a.unread })}</span>` : ''}</a></li>
    <li><form method="post" action="/account/logout"><input type="hidden" name="csrf" value="${a.csrf}"><button type="submit" class="linkish">${t('applications.nav.signOut')}</button></form></li>
  </ul></nav>`;
}
