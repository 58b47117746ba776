import type { KoaContextWithOIDC } from 'oidc-provider';
import { html, raw } from '../http/html.ts';
import { errorBody, page, type PageContext } from '../http/layout.ts';
import { negotiateLang, translator } from '../i18n/index.ts';

/** The provider's own pages (errors, logout) in the platform's look and languages. */
function pageContext(ctx: KoaContextWithOIDC): PageContext {
  const lang = negotiateLang(ctx.query.lang, ctx.cookies.get('lang'), ctx.get('accept-language'));
  return { lang, t: translator(lang), path: ctx.path, query: new URLSearchParams(ctx.querystring) };
}

export async function renderError(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }, _error: Error): Promise<void> {
  const p = pageContext(ctx);
  const message = p.t('error.generic');
  // The protocol's own description names the exact rule that was broken: show it too.
  const detail = out.error_description ? `${message} ${out.error_description}` : message;
  ctx.type = 'html';
  ctx.body = page(p, { title: p.t('error.title'), body: errorBody(p, detail, out.error) });
}

export async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  const p = pageContext(ctx);
  ctx.type = 'html';
  // `form` is oidc-provider's hidden form carrying its own CSRF token; the buttons submit it.
  ctx.body = page(p, {
    title: p.t('logout.title'),
    body: html`<h1>${p.t('logout.question')}</h1>
${raw(form)}
<p><button class="button" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">${p.t('logout.yes')}</button></p>
<p><button class="button secondary" type="submit" form="op.logoutForm">${p.t('logout.no')}</button></p>`,
  });
}

export async function postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  const p = pageContext(ctx);
  const service = ctx.oidc.client?.clientName;
  ctx.type = 'html';
  ctx.body = page(p, {
    title: p.t('logout.title'),
    body: html`<h1>${service ? p.t('logout.doneWith', { service }) : p.t('logout.done')}</h1><p><a href="/?lang=${p.lang}">${p.t('common.home')}</a></p>`,
  });
}
