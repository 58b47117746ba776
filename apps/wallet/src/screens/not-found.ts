import { html } from 'lit-html';
import type { ScreenCtx } from '../screen.ts';
import { heading } from '../ui.ts';

export function notFoundScreen(ctx: ScreenCtx): void {
  ctx.show(() => {
    const t = ctx.t;
    return { key: 'not-found', title: t('app.notFound'), body: html`${heading(t('app.notFound'))}<p><a class="button" href="/wallet/" data-nav>${t('app.home')}</a></p>` };
  });
}
