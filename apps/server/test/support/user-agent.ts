import { CookieJar } from 'tough-cookie';

/**
 * A minimal browser for protocol tests: a cookie jar and redirects followed by hand, so a
 * test can stop at any hop (the interaction page, the service's callback) and look.
 * Browser tests use a real Chromium; this is for the many flows that need no rendering.
 */
export type Hop = { url: string; status: number; location?: string; body: string; contentType: string };

export function createUserAgent() {
  const jar = new CookieJar();

  async function request(url: string, init: RequestInit = {}): Promise<Hop> {
    const cookie = await jar.getCookieString(url);
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { accept: 'text/html', ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    for (const c of res.headers.getSetCookie()) await jar.setCookie(c, url);
    const location = res.headers.get('location') ?? undefined;
    return { url, status: res.status, location: location ? new URL(location, url).href : undefined, body: await res.text(), contentType: res.headers.get('content-type') ?? '' };
  }

  /** Follows redirects until a page answers, or until `stopAt` matches the next URL. */
  async function navigate(url: string, stopAt?: (url: string) => boolean, init?: RequestInit): Promise<Hop> {
    let hop = await request(url, init);
    for (let i = 0; i < 20 && hop.location && hop.status >= 300 && hop.status < 400; i++) {
      if (stopAt?.(hop.location)) return hop;
      hop = await request(hop.location);
    }
    return hop;
  }

  return { jar, request, navigate };
}

export type UserAgent = ReturnType<typeof createUserAgent>;

/** The wallet link a sign-in page shows (`data-wallet-link`). */
/** The two-digit verification code the sign-in page shows (the resident picks it in the wallet). */
export function verificationCodeIn(html: string): string {
  const m = html.match(/data-verification-code>(\d{2})</);
  if (!m) throw new Error('no data-verification-code on the page');
  return m[1]!;
}

export function walletLinkIn(html: string): string {
  const m = html.match(/href="([^"]+)"[^>]*data-wallet-link/);
  if (!m) throw new Error('no data-wallet-link on the page');
  return m[1]!.replaceAll('&amp;', '&');
}
