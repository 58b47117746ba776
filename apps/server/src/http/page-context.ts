import type { FastifyReply, FastifyRequest } from 'fastify';
import { negotiateLang, translator } from '../i18n/index.ts';
import { errorBody, page, type PageContext } from './layout.ts';

/**
 * The URL's path and query, or the home page's when the URL does not parse: error pages are
 * built from this too, for requests whose URL is the very thing that is wrong.
 */
function safeUrl(raw: string): { path: string; query: URLSearchParams } {
  try {
    const url = new URL(raw, 'http://local');
    return { path: url.pathname, query: url.searchParams };
  } catch {
    return { path: '/', query: new URLSearchParams() };
  }
}

/**
 * What a page needs to render. Safe on any request, including the framework's own error
 * paths, which run before the cookie plugin has parsed anything (`req.cookies` undefined).
 */
export function pageContextOf(req: FastifyRequest): PageContext {
  const { path, query } = safeUrl(req.url);
  const cookieLang = (req.cookies as Record<string, string | undefined> | undefined)?.lang;
  const lang = negotiateLang(query.get('lang'), cookieLang, req.headers['accept-language']);
  return { lang, t: translator(lang), path, query, ...(req.accountNav ? { account: req.accountNav } : {}) };
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
