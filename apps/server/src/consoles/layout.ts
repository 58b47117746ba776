import { html, type Html } from '../http/html.ts';
import { langHref, type PageContext } from '../http/layout.ts';
import { langNames, langs } from '../i18n/index.ts';

/** Who is signed in, shown in every console page's header with the sign-out form. */
export type StaffBar = { name: string; counter: string | null; csrf: string };

/**
 * The consoles' frame: the platform's stylesheet plus the console one (tablet-sized targets),
 * the language switch, the signed-in staff member and sign-out. No script: every console
 * page is a plain form that works without JavaScript.
 */
export function consolePage(p: PageContext, opts: { title: string; body: Html; staff?: StaffBar | null; head?: Html; scripts?: string[] }): string {
  const { lang, t } = p;
  const s = opts.staff;
  return `<!doctype html>${html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} – ${t('consoles.name')}</title>
<link rel="stylesheet" href="/assets/yat.css">
<link rel="stylesheet" href="/console-assets/console.css">
${opts.head}
${(opts.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body class="console">
<a class="skip" href="#main">${t('common.skip')}</a>
<header class="site">
  <a class="brand" href="/console/?lang=${lang}">${t('consoles.name')}</a>
  <nav aria-label="${t('common.language')}"><ul class="langs">
    ${langs.map((l) => html`<li><a href="${langHref(p, l)}" lang="${l}" hreflang="${l}" ${l === lang ? html`aria-current="true"` : ''}>${langNames[l]}</a></li>`)}
  </ul></nav>
  ${s
    ? html`<div class="staff-bar"><p>${t('consoles.signedInAs', { name: s.name })}${s.counter ? html`<br>${t('consoles.atCounter', { counter: s.counter })}` : ''}</p>
  <form method="post" action="/console/logout"><input type="hidden" name="csrf" value="${s.csrf}"><button type="submit" class="button secondary">${t('consoles.signOut')}</button></form></div>`
    : ''}
</header>
<main id="main">
${opts.body}
</main>
<footer class="site"><p>${t('common.footer')}</p></footer>
</body>
</html>`}`;
}

/** Errors at the top of the form, announced, as the GOV.UK pattern does. */
export const errorSummary = (title: string, message: string | undefined): Html | '' =>
  message ? html`<div class="error-summary" role="alert" tabindex="-1"><h2>${title}</h2><p>${message}</p></div>` : '';
