import type { FastifyInstance, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { AppError, forbidden } from '../errors.ts';

/**
 * A service's own API (signing, notifications) is called with an access token from the client
 * credentials grant carrying the API's scope. Checked in one place, before the body is read (a
 * stranger learns nothing of the API's rules), and the 401 names the scope (RFC 6750).
 */
export function requireServiceToken(app: FastifyInstance, opts: { provider: Provider; scope: string; prefix: string }): (req: FastifyRequest) => string {
  const { scope, prefix } = opts;
  const callers = new WeakMap<FastifyRequest, string>();
  const caller = clientCredentialsCaller(opts.provider, scope);

  app.addHook('preValidation', async (req) => {
    if (req.url.startsWith(prefix)) callers.set(req, await caller(req));
  });
  app.addHook('onSend', async (req, reply) => {
    if (reply.statusCode === 401 && req.url.startsWith(prefix)) reply.header('www-authenticate', bearerChallenge(scope));
  });
  return (req) => callers.get(req)!;
}

/** Whether the request brings a bearer token at all (an API that also takes a session decides by it). */
export const bearerToken = (req: FastifyRequest): string | undefined => /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(req.headers.authorization ?? '')?.[1];

/**
 * The client whose client-credentials token the request carries, if the token is live and has
 * `scope`: else 401 (no or bad token) or 403 (`insufficient_scope`).
 */
export function clientCredentialsCaller(provider: Provider, scope: string): (req: FastifyRequest) => Promise<string> {
  const unauthorized = (message: string) => new AppError('invalid_token', 401, message);
  return async (req) => {
    const given = bearerToken(req);
    if (!given) throw unauthorized(`Send an access token from the client credentials grant (scope "${scope}"): Authorization: Bearer <token>.`);
    const token = await provider.ClientCredentials.find(given);
    if (!token || token.isExpired || !token.clientId) throw unauthorized('The access token is invalid or has expired.');
    if (!String(token.scope ?? '').split(' ').includes(scope)) throw forbidden('insufficient_scope', `The access token lacks the "${scope}" scope. Register the client for it and ask for scope=${scope}.`);
    return token.clientId;
  };
}

/** RFC 6750 §3: a 401's WWW-Authenticate names the scheme and the scope wanted. */
export const bearerChallenge = (scope: string): string => `Bearer error="invalid_token", scope="${scope}"`;
