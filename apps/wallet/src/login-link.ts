/**
 * A login link is `${issuer}/wallet/login#<token>`: the QR code's content and the sign-in
 * page's "open on this device" link. The token after '#' never reaches a server log.
 */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

export const isLoginToken = (token: string): boolean => tokenPattern.test(token);

/** The token of a login link for this platform (`origin`), or undefined for anything else. */
export function loginTokenFromLink(text: string, origin: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  const token = url.hash.slice(1);
  if (url.origin !== origin || url.pathname !== '/wallet/login' || !isLoginToken(token)) return undefined;
  return token;
}

/** A login link or a signing link (`/wallet/sign#<token>`) for this platform: which screen opens it, and its token. */
export function walletLinkFromText(text: string, origin: string): { screen: 'login' | 'sign'; token: string } | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  const token = url.hash.slice(1);
  if (url.origin !== origin || !isLoginToken(token)) return undefined;
  if (url.pathname === '/wallet/login') return { screen: 'login', token };
  if (url.pathname === '/wallet/sign') return { screen: 'sign', token };
  return undefined;
}
