import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

/**
 * Back-channel logout (OpenID Connect Back-Channel Logout 1.0, section 2.6): the platform
 * POSTs a signed logout token when a resident's session or grant with this service ends.
 * The checks are the specification's: signature by the issuer's key, iss, aud, iat, the
 * logout event, a sub or sid, and no nonce.
 */
export type LogoutToken = { sub?: string; sid?: string; jti?: string; iat: number };

const EVENT = 'http://schemas.openid.net/event/backchannel-logout';

export class LogoutTokenError extends Error {
  override name = 'LogoutTokenError';
}

export function createLogoutTokenVerifier(opts: { issuer: string; clientId: string; jwksUri: string }) {
  const jwks = createRemoteJWKSet(new URL(opts.jwksUri));
  return async function verify(body: string | URLSearchParams | { logout_token?: unknown }): Promise<LogoutToken> {
    const token = typeof body === 'string' ? new URLSearchParams(body).get('logout_token') : body instanceof URLSearchParams ? body.get('logout_token') : body.logout_token;
    if (typeof token !== 'string' || !token) throw new LogoutTokenError('the request carries no logout_token');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, { issuer: opts.issuer, audience: opts.clientId, maxTokenAge: '5 minutes', algorithms: ['ES256'] }));
    } catch (err) {
      throw new LogoutTokenError(`the logout token is not valid: ${(err as Error).message}`);
    }
    const events = payload.events as Record<string, unknown> | undefined;
    if (!events || typeof events !== 'object' || typeof events[EVENT] !== 'object') throw new LogoutTokenError('the logout token has no back-channel logout event');
    if ('nonce' in payload) throw new LogoutTokenError('a logout token must not carry a nonce');
    const sub = typeof payload.sub === 'string' ? payload.sub : undefined;
    const sid = typeof payload.sid === 'string' ? payload.sid : undefined;
    if (!sub && !sid) throw new LogoutTokenError('the logout token names neither a subject nor a session');
    return { sub, sid, jti: payload.jti, iat: payload.iat! };
  };
}
