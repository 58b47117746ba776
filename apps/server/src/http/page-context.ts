import type { FastifyReply, FastifyRequest } from 'fastify';
import { negotiateLang, translator } from '../i18n/index.ts';
import { errorBody, page, type PageContext } from './layout.ts';

export function pageContextOf(req: FastifyRequest): PageContext {
  const url = new URL(req.url, 'http://local');
  const lang = negotiateLang(url.searchParams.get('lang'), req.cookies.lang, req.headers['accept-language']);
  return { lang, t: translator(lang), path: url.pathname, query: url.searchParams, ...(req.accountNav ? { account: req.accountNav } : {}) };
}

export function sendPage(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

export function sendErrorPage(req: FastifyRequest, reply: FastifyReply, status: number, message: string, code?: string): FastifyReply {
  const p = pageContextOf(req);
  return sendPage(reply, page(p, { title: p.t('error.title'), body: errorBody(p, message, code) }), status);
}

/** HTML for browsers, JSON for programs: decided by what the request accepts. */
export const wantsHtml = (req: FastifyRequest): boolean => {
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html') && !req.url.startsWith('/api/');
};
