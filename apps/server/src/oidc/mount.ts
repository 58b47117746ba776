import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { Logger } from '../logger.ts';

/**
 * oidc-provider is a Koa application; it is mounted inside Fastify on its own paths. Its
 * scope has no body parsers (the provider reads the raw request itself) and hands the raw
 * request over once Fastify's hooks (rate limits, security headers) have run.
 */
const tokenLimit = { max: 6000, timeWindow: '1 minute' };
const browserLimit = { max: 600, timeWindow: '1 minute' };

export async function mountProvider(app: FastifyInstance, provider: Provider, opts: { secure: boolean; log: Logger }): Promise<void> {
  const callback = provider.callback();
  // The provider's own pages (logout confirmation, form_post) submit to the services'
  // registered URLs, so form-action cannot be 'self' here; everything else stays strict.
  // script-src is present so oidc-provider can add the hash of its one auto-submit script.
  const csp = `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self' ${opts.secure ? 'https:' : 'https: http:'}; frame-ancestors 'none'; base-uri 'none'`;

  const handler = (req: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    for (const [k, v] of Object.entries(reply.getHeaders())) if (v !== undefined) reply.raw.setHeader(k, v as string);
    reply.raw.setHeader('content-security-policy', csp);
    // Koa answers its own errors; should the callback still reject, the request ends as a 500, not the process.
    callback(req.raw, reply.raw).catch((err: unknown) => {
      opts.log.error({ err, url: req.url }, 'the OpenID provider failed a request');
      if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      reply.raw.end(JSON.stringify({ error: 'server_error', error_description: 'Something went wrong on our side. Please try again later.' }));
    });
  };

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null));
    scope.get('/.well-known/openid-configuration', handler);
    for (const p of ['/oidc/token', '/oidc/par', '/oidc/token/introspection', '/oidc/token/revocation', '/oidc/me']) {
      scope.route({ method: ['GET', 'POST', 'OPTIONS'], url: p, config: { rateLimit: tokenLimit }, handler });
    }
    scope.route({ method: ['GET', 'POST', 'OPTIONS'], url: '/oidc/*', config: { rateLimit: browserLimit }, handler });
  });
}
