import { html } from 'lit-html';
import type { ScreenCtx } from '../screen.ts';
import { unlockWallet } from '../session.ts';
import { errorBox, heading, messageOf } from '../ui.ts';
import { wasCancelled } from '../webauthn.ts';

/** First visit on this phone: register, or (storage cleared) unlock with the key the phone holds. */
export function welcomeScreen(ctx: ScreenCtx): void {
  let error = '';
  const view = () => {
    const t = ctx.t;
    return {
      key: 'welcome',
      title: t('welcome.title'),
      body: html`<div class="hero"><img src="/wallet/icons/icon.svg" alt="" width="72" height="72"></div>
${heading(t('welcome.title'))}
${errorBox(t, error)}
<p class="lead">${t('welcome.intro')}</p>
<p><a class="button block" href="/wallet/register" data-nav>${t('welcome.register')}</a></p>
<p><button type="button" class="button secondary block" @click=${unlock}>${t('welcome.unlock')}</button></p>
<p><a href="/wallet/scan" data-nav>${t('welcome.haveCode')}</a></p>
<p><a href="/wallet/recover" data-nav>${t('recover.link')}</a></p>`,
    };
  };
  async function unlock() {
    try {
      await unlockWallet();
      ctx.setSignedIn(true);
      ctx.go('/wallet/', { replace: true });
    } catch (err) {
      error = wasCancelled(err) ? ctx.t('unlock.cancelled') : ctx.t('unlock.failed', { message: messageOf(ctx.t, err) });
      ctx.show(view);
    }
  }
  ctx.show(view);
}
