import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import path from 'node:path';
import type { Logger } from '../logger.ts';
import { AppError } from '../errors.ts';
import { isLang } from '../i18n/index.ts';
import { pageContextOf, sendErrorPage, wantsHtml } from './page-context.ts';

export type ServerOptions = {
  log: Logger;
  trustProxy: boolean;
  secure: boolean;
  cookieSecret: string;
  redis: Redis | undefined;
  rateLimitAllowList: string[];
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

export async function createHttpServer(opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: opts.log as FastifyBaseLogger,
    trustProxy: opts.trustProxy,
    bodyLimit: 256 * 1024,
    // Request lines would log URLs that carry one-time secrets; our own events are logged instead.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { maxParamLength: 200 },
    // Errors Fastify raises before routing (a URL that does not decode) get our shape too.
    frameworkErrors: (err, req, reply) => sendError(err, req, reply, opts.log),
  });

  await app.register(fastifyCookie, { secret: opts.cookieSecret });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: pageCsp },
    strictTransportSecurity: opts.secure ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyRateLimit, {
    global: false,
    ...(opts.redis ? { redis: opts.redis, nameSpace: 'yat:rl:' } : {}),
    allowList: opts.rateLimitAllowList,
    errorResponseBuilder: (_req, ctx) => new AppError('rate_limited', 429, `Too many requests. Try again in ${Math.ceil(ctx.ttl / 1000)} seconds.`),
  });
  await app.register(fastifyFormbody, { bodyLimit: 16 * 1024 });
  await app.register(fastifyStatic, { root: assetsDir, prefix: '/assets/', maxAge: '1h', decorateReply: false });

  // `?lang=` is remembered, so the next page opens in the same language.
  app.addHook('onRequest', async (req, reply) => {
    const lang = (req.query as Record<string, unknown> | undefined)?.lang;
    if (isLang(lang) && req.cookies.lang !== lang) {
      reply.setCookie('lang', lang, { path: '/', sameSite: 'lax', httpOnly: true, secure: opts.secure, maxAge: 365 * 24 * 3600 });
    }
  });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => sendError(err, req, reply, opts.log));
  app.setNotFoundHandler((req, reply) => sendError(new AppError('not_found', 404, pageContextOf(req).t('error.notFound')), req, reply, opts.log));
  return app;
}

function sendError(err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply, log: Logger) {
  let status: number;
  let code: string;
  let message: string;
  let details: unknown;
  if (err instanceof AppError) {
    ({ status, code, message, details } = err);
  } else if ((err as FastifyError).validation) {
    [status, code, message] = [400, 'invalid_request', err.message];
  } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    // Fastify's own client errors (malformed JSON, unsupported media type, body too large).
    [status, code, message] = [err.statusCode, (err.code ?? 'bad_request').toLowerCase(), err.message];
  } else {
    log.error({ err, url: req.url, method: req.method }, 'unhandled error');
    [status, code, message] = [500, 'server_error', 'Something went wrong on our side. Please try again later.'];
  }
  if (wantsHtml(req)) return sendErrorPage(req, reply, status, message, code);
  return reply.code(status).header('cache-control', 'no-store').send({ error: code, message, ...(details ? { details } : {}) });
}
