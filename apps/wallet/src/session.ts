import { html } from 'lit-html';
import { api, isNoSession } from './api.ts';
import { loadDeviceKey, saveDeviceKey } from './device-key.ts';
import type { ScreenCtx } from './screen.ts';
import { errorBox, heading, loadingView, messageOf, type NavItem } from './ui.ts';
import { signSessionChallenge, wasCancelled } from './webauthn.ts';

/**
 * The resident's own screens need a wallet session (an HttpOnly cookie). Opening one takes
 * the device key and user verification, so when the platform answers `no_session` the
 * screen becomes "Unlock" and, once unlocked, loads again.
 */
export async function unlockWallet(): Promise<void> {
  const challenge = await api<{ challenge: string; rpId: string; allowCredentials?: Array<{ id: string }> }>('POST', '/api/wallet/session/challenge', {});
  const known = loadDeviceKey();
  const credential = await signSessionChallenge(challenge, known?.credentialId);
  const session = await api<{ residentId: string }>('POST', '/api/wallet/session', { credential });
  // A resident who cleared the app's storage can unlock with the key the phone still holds.
  if (!known) saveDeviceKey({ credentialId: credential.id, residentId: session.residentId });
}

export function withSession<D>(ctx: ScreenCtx, key: string, nav: NavItem, load: () => Promise<D>, ready: (data: D) => void): void {
  let error = '';
  let busy = false;

  const unlockView = () => {
    const t = ctx.t;
    return {
    key: `${key}:unlock`,
    title: t('unlock.title'),
    nav: 'none' as const,
    body: html`${heading(t('unlock.title'))}
${errorBox(t, error)}
<p>${t('unlock.intro')}</p>
<p><button type="button" class="button" ?disabled=${busy} @click=${unlock}>${t('unlock.button')}</button></p>`,
    };
  };

  async function unlock() {
    busy = true;
    error = '';
    ctx.show(unlockView);
    try {
      await unlockWallet();
      ctx.setSignedIn(true);
      ctx.flash('');
      void attempt();
    } catch (err) {
      busy = false;
      error = wasCancelled(err) ? ctx.t('unlock.cancelled') : ctx.t('unlock.failed', { message: messageOf(ctx.t, err) });
      ctx.show(unlockView);
    }
  }

  async function attempt() {
    ctx.show(() => loadingView(ctx.t, `${key}:loading`, nav));
    try {
      const data = await load();
      ctx.setSignedIn(true);
      ready(data);
    } catch (err) {
      if (isNoSession(err)) {
        ctx.setSignedIn(false);
        ctx.show(unlockView);
        return;
      }
      error = messageOf(ctx.t, err);
      ctx.show(() => ({ key: `${key}:error`, title: ctx.t('app.error'), nav, body: html`${heading(ctx.t('app.error'))}${errorBox(ctx.t, error)}<p><button type="button" class="button" @click=${attempt}>${ctx.t('app.retry')}</button></p>` }));
    }
  }

  void attempt();
}
