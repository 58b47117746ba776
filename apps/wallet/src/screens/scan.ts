import { html, nothing } from 'lit-html';
import { walletLinkFromText } from '../login-link.ts';
import { startQrReader } from '../qr-reader.ts';
import type { ScreenCtx } from '../screen.ts';
import { errorBox, heading } from '../ui.ts';

/** Scan the service's QR code, or paste its link: both land on the approval screen. */
export function scanScreen(ctx: ScreenCtx): void {
  let error = '';
  let linkError = '';
  let link = '';
  let stop: (() => void) | undefined;

  const view = () => {
    const t = ctx.t;
    return {
      key: 'scan',
      title: t('scan.title'),
      nav: 'scan' as const,
      body: html`${heading(t('scan.title'))}
${errorBox(t, error)}
<p>${t('scan.intro')}</p>
<div class="camera ${stop ? '' : 'idle'}"><video id="camera" muted playsinline aria-label="${t('scan.video')}"></video></div>
<p>${stop
  ? html`<button type="button" class="button secondary block" @click=${stopCamera}>${t('scan.stop')}</button>`
  : html`<button type="button" class="button block" @click=${startCamera}>${t('scan.start')}</button>`}</p>
<h2>${t('scan.pasteTitle')}</h2>
<form @submit=${openLink} novalidate>
  <div class="field"><label for="link">${t('scan.link')}</label>
  ${linkError ? html`<p class="field-error" id="link-error">${linkError}</p>` : nothing}
  <input id="link" name="link" type="url" inputmode="url" autocomplete="off" spellcheck="false" .value=${link} @input=${(e: Event) => (link = (e.target as HTMLInputElement).value)} aria-invalid=${linkError ? 'true' : 'false'} aria-describedby=${linkError ? 'link-error' : nothing}></div>
  <p><button type="submit" class="button secondary block">${t('scan.open')}</button></p>
</form>`,
    };
  };

  const openToken = (found: { screen: 'login' | 'sign'; token: string }) => {
    stop?.();
    stop = undefined;
    ctx.go(`/wallet/${found.screen}#${found.token}`);
  };

  async function startCamera() {
    error = '';
    const video = document.getElementById('camera') as HTMLVideoElement;
    try {
      stop = await startQrReader(video, (text) => {
        const token = walletLinkFromText(text, location.origin);
        if (!token) {
          error = ctx.t('scan.notLogin');
          ctx.show(view);
          return false;
        }
        if (ctx.alive()) openToken(token);
        return true;
      });
      if (!ctx.alive()) stop();
    } catch {
      error = ctx.t('scan.noCamera');
      stop = undefined;
    }
    ctx.show(view);
  }

  function stopCamera() {
    stop?.();
    stop = undefined;
    ctx.show(view);
  }

  function openLink(e: Event) {
    e.preventDefault();
    const token = walletLinkFromText(link, location.origin);
    if (!token) {
      linkError = ctx.t('scan.badLink');
      ctx.show(view);
      document.getElementById('link')?.focus();
      return;
    }
    openToken(token);
  }

  // Leaving the screen turns the camera off.
  window.addEventListener('popstate', () => stop?.(), { once: true });
  ctx.show(view);
}
