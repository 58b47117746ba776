import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import path from 'node:path';
import crypto from 'node:crypto';
import { requestScope, type Logger } from '../logger.ts';
import { AppError, isUnavailable } from '../errors.ts';
import { isLang } from '../i18n/index.ts';
import { registerOpenApi } from './openapi.ts';
import { pageContextOf, sendErrorPage, wantsHtml } from './page-context.ts';
import { validationError } from './validate.ts';
import { securityHeaders } from './security-headers.ts';
import { createStaticDocuments, type StaticDocuments } from './static-documents.ts';

export type ServerOptions = {
  log: Logger;
  trustProxy: boolean;
  secure: boolean;
  cookieSecret: string;
  redis: Redis | undefined;
  rateLimitAllowList: string[];
  /** The issuer's host (`ISSUER`): discovery and the key set are kept for requests that name it. */
  issuerHost: string;
  /** Check every JSON reply against its route's declared schema (tests, development). */
  checkResponses: boolean;
};

const assetsDir = path.join(import.meta.dirname, 'assets');

/** Content-Security-Policy for our own pages: no inline script or style, nothing third-party. */
export const pageCsp = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  manifestSrc: ["'self'"],
  workerSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
};

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as registered (method and URL pattern): for the OpenAPI check, the fuzz and bad-URL sweeps. */
    routeTable: Array<{ method: string; url: string }>;
    /** Discovery and the key set, answered before routing (static-documents.ts). */
    staticDocuments: StaticDocuments;
  }
}

export async function createHttpServer(opts: ServerOptions): Promise<FastifyInstance> {
  // Closing (a rollout's SIGTERM): a reply finished from now on also closes its connection, so a
  // keep-alive connection that was busy when closing began does not hold the process open.
  let closing = false;
  const staticDocuments = createStaticDocuments(
    { '/.well-known/openid-configuration': 'public, max-age=300', '/oidc/jwks': 'public, max-age=60' },
    { issuerHost: opts.issuerHost, trustProxy: opts.trustProxy, closing: () => closing },
  );
  const app = Fastify({
    serverFactory: staticDocuments.serverFactory,
    loggerInstance: opts.log as FastifyBaseLogger,
    trustProxy: opts.trustProxy,
    bodyLimit: 256 * 1024,
    // Request lines would log URLs that carry one-time secrets; our own events are logged instead.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { maxParamLength: 200 },
    // A load balancer's id is kept (so one request is one id across the hops); otherwise a new one.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._:-]{8,128}$/.test(given) ? given : crypto.randomUUID();
    },
    // Errors Fastify raises before routing (a URL that does not decode) get our shape too.
    frameworkErrors: (err, req, reply) => sendError(err, req, reply, opts.log),
  });

  staticDocuments.attach(app);
  app.decorate('staticDocuments', staticDocuments);
  const routeTable: Array<{ method: string; url: string }> = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routeTable.push({ method, url: r.url });
  });

  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  // Every response carries the security headers and names its request id, and every log line
  // written while serving it names it too.
  const security = securityHeaders({
    contentSecurityPolicy: { useDefaults: false, directives: pageCsp },
    strictTransportSecurity: opts.secure ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    // The same answer as CSP's frame-ancestors 'none', for browsers that only read the old header.
    xFrameOptions: { action: 'deny' },
  });
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(security);
    reply.header('x-request-id', req.id);
    requestScope.run({ reqId: req.id }, done);
  });

  // Before any route: the document is built from the routes as they are added.
  await registerOpenApi(app, { checkResponses: opts.checkResponses });
  await app.register(fastifyCookie, { secret: opts.cookieSecret });
  await app.register(fastifyRateLimit, {
    global: false,
    ...(opts.redis ? { redis: opts.redis, nameSpace: 'yat:rl:' } : {}),
    allowList: opts.rateLimitAllowList,
    // While Redis is out of reach requests are let through rather than refused: a limit is a
    // defence, not the service, and ioredis reconnects by itself.
    skipOnError: true,
    errorResponseBuilder: (_req, ctx) => new AppError('rate_limited', 429, `Too many requests. Try again in ${Math.ceil(ctx.ttl / 1000)} seconds.`),
  });
  await app.register(fastifyFormbody, { bodyLimit: 16 * 1024 });
  await app.register(fastifyStatic, { root: assetsDir, prefix: '/assets/', maxAge: '1h', decorateReply: false });

  // One synchronous hook for the checks every request gets (each async hook costs a promise).
  app.addHook('onRequest', (req, reply, done) => {
    try {
      refuseControlCharacters(req);
      requireJsonBodies(req);
      rememberLanguage(req, reply, opts.secure);
      done();
    } catch (err) {
      done(err as Error);
    }
  });
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => sendError(err, req, reply, opts.log));
  app.setNotFoundHandler((req, reply) => sendError(new AppError('not_found', 404, pageContextOf(req).t('error.notFound')), req, reply, opts.log));
  return app;
}

/** `?lang=` is remembered, so the next page opens in the same language. */
function rememberLanguage(req: FastifyRequest, reply: FastifyReply, secure: boolean): void {
  const lang = (req.query as Record<string, unknown> | undefined)?.lang;
  if (isLang(lang) && req.cookies.lang !== lang) {
    reply.setCookie('lang', lang, { path: '/', sameSite: 'lax', httpOnly: true, secure, maxAge: 365 * 24 * 3600 });
  }
}

/**
 * No address of ours contains a control character (an encoded NUL, a line break): such a
 * path is refused before any route reads it, so it never reaches a lookup, a log or a redirect.
 */
function refuseControlCharacters(req: FastifyRequest): void {
  const path = req.url.split('?')[0]!;
  if (/%(?:[01][0-9a-f]|7f)/i.test(path)) throw new AppError('invalid_url', 400, 'This address contains characters that are not allowed. Check the link and try again.');
}

/**
 * A write to a JSON API must say it is JSON: a form or text/plain body is refused before it is
 * parsed (415), and so is a body-less POST without the header. Browsers cannot send
 * `application/json` cross-site without a CORS preflight, so this also shuts the
 * cookie-authenticated APIs to cross-site form posts. A route that takes another body
 * (an upload) lists its types in `config.bodyTypes`.
 */
function requireJsonBodies(req: FastifyRequest): void {
  if (req.method !== 'POST' && req.method !== 'PUT' && req.method !== 'PATCH') return;
  if (!req.url.startsWith('/api/')) return;
  const allowed = (req.routeOptions.config as { bodyTypes?: string[] } | undefined)?.bodyTypes ?? ['application/json'];
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!allowed.includes(type)) {
    throw new AppError('unsupported_media_type', 415, `Send this request with Content-Type: ${allowed.join(' or ')}${allowed.includes('application/json') ? ' (an empty JSON object, {}, when there is nothing to send)' : ''}.`);
  }
}

/** Status, code and a message safe to show, for any error: nothing internal reaches a client. */
function classify(err: FastifyError | AppError, req: FastifyRequest, log: Logger): { status: number; code: string; message: string; details?: unknown } {
  if (err instanceof AppError) return { status: err.status, code: err.code, message: err.message, details: err.details };
  if ((err as FastifyError).validation) {
    const e = validationError(err as FastifyError);
    return { status: 400, code: e.code, message: e.message, details: e.details };
  }
  // Fastify's own client errors (a URL that does not decode, malformed JSON, unsupported media type, body too large).
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return { status: err.statusCode, code: (err.code ?? 'bad_request').toLowerCase(), message: err.message };
  if (isUnavailable(err)) {
    log.warn({ err: { message: err.message, code: err.code }, url: req.url, method: req.method }, 'a backing service is unavailable');
    return { status: 503, code: 'service_unavailable', message: 'The service is briefly unavailable. Please try again in a few seconds.' };
  }
  log.error({ err, url: req.url, method: req.method }, 'unhandled error');
  return { status: 500, code: 'server_error', message: 'Something went wrong on our side. Please try again later.' };
}

/**
 * The one error path for every request, the framework's own included. It must not throw: a
 * throw here would escape Fastify and end the process, so a failure to render the page
 * falls back to plain text.
 */
function sendError(err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply, log: Logger) {
  let status = 500;
  let message = 'Something went wrong on our side. Please try again later.';
  try {
    const c = classify(err, req, log);
    ({ status, message } = c);
    if (status === 503) reply.header('retry-after', '5');
    if (wantsHtml(req)) return sendErrorPage(req, reply, status, message, c.code);
    return reply.code(status).header('cache-control', 'no-store').send({ error: c.code, message, ...(c.details ? { details: c.details } : {}) });
  } catch (renderErr) {
    log.error({ err: renderErr, original: (err as Error)?.message, url: req.url }, 'rendering an error response failed');
    try {
      if (!reply.sent) return reply.code(status).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(message);
    } catch {
      if (!reply.raw.headersSent) reply.raw.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      reply.raw.end(message);
    }
    return reply;
  }
}
