import { html, type Html } from '../http/html.ts';
import { page, type PageContext } from '../http/layout.ts';

/** Who is signed in, shown in every console page's header with the sign-out form. */
export type StaffBar = { name: string; counter: string | null; csrf: string };

/**
 * The consoles' frame: the platform's page with the console stylesheet (tablet-sized targets),
 * the signed-in staff member and sign-out. No script unless a page brings its own: every
 * console page is a plain form that works without JavaScript.
 */
export function consolePage(p: PageContext, opts: { title: string; body: Html; staff?: StaffBar | null; head?: Html; scripts?: string[] }): string {
  const { lang, t } = p;
  const s = opts.staff;
  const headerEnd: Html | '' = s
    ? html`<div class="staff-bar"><p>${t('consoles.signedInAs', { name: s.name })}${s.counter ? html`<br>${t('consoles.atCounter', { counter: s.counter })}` : ''}</p>
  <form method="post" action="/console/logout"><input type="hidden" name="csrf" value="${s.csrf}"><button type="submit" class="button secondary">${t('consoles.signOut')}</button></form></div>`
    : '';
  const frame = { name: t('consoles.name'), home: `/console/?lang=${lang}`, bodyClass: 'console', stylesheets: ['/console-assets/console.css'], headerEnd };
  return page(p, { title: opts.title, body: opts.body, ...(opts.head ? { head: opts.head } : {}), ...(opts.scripts ? { scripts: opts.scripts } : {}), frame });
}

/** Errors at the top of the form, announced, as the GOV.UK pattern does. */
export const errorSummary = (title: string, message: string | undefined): Html | '' =>
  message ? html`<div class="error-summary" role="alert" tabindex="-1"><h2>${title}</h2><p>${message}</p></div>` : '';
