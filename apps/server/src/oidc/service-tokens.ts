import type { FastifyInstance, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { AppError, forbidden } from '../errors.ts';

/**
 * A service's own API (signing, notifications) is called with an access token from the client
 * credentials grant carrying the API's scope. Checked in one place, before the body is read (a
 * stranger learns nothing of the API's rules), and the 401 names the scope (RFC 6750).
 */
export function requireServiceToken(app: FastifyInstance, opts: { provider: Provider; scope: string; prefix: string }): (req: FastifyRequest) => string {
  const { provider, scope, prefix } = opts;
  const callers = new WeakMap<FastifyRequest, string>();
  const unauthorized = (message: string) => new AppError('invalid_token', 401, message);

  async function caller(req: FastifyRequest): Promise<string> {
    const m = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(req.headers.authorization ?? '');
    if (!m) throw unauthorized(`Send an access token from the client credentials grant (scope "${scope}"): Authorization: Bearer <token>.`);
    const token = await provider.ClientCredentials.find(m[1]!);
    if (!token || token.isExpired || !token.clientId) throw unauthorized('The access token is invalid or has expired.');
    if (!String(token.scope ?? '').split(' ').includes(scope)) throw forbidden('insufficient_scope', `The access token lacks the "${scope}" scope. Register the service with --scope "openid ${scope}" and ask for scope=${scope}.`);
    return token.clientId;
  }

  app.addHook('preValidation', async (req) => {
    if (req.url.startsWith(prefix)) callers.set(req, await caller(req));
  });
  app.addHook('onSend', async (req, reply) => {
    if (reply.statusCode === 401 && req.url.startsWith(prefix)) reply.header('www-authenticate', `Bearer error="invalid_token", scope="${scope}"`);
  });
  return (req) => callers.get(req)!;
}
