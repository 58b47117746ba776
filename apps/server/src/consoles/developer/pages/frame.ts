import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { ConsoleAuth } from '../../auth.ts';
import { consolePage } from '../../layout.ts';
import { AppError } from '../../../errors.ts';
import { html, type Html } from '../../../http/html.ts';
import type { PageContext } from '../../../http/layout.ts';
import { pageContextOf, sendPage } from '../../../http/page-context.ts';
import { asResident } from '../organisations.ts';

/**
 * What every developer-console page shares: the console frame with its stylesheet, the
 * signed-in guard (any resident; no staff role needed), and errors shown in the page's
 * language — a flow's code looked up under `developer.errors`, else its own message.
 */
export const DEV_ASSETS = '/console-assets/developer.css';
export const pageLimit = { config: { rateLimit: { max: 120, timeWindow: '1 minute' } } };

export type Frame = ReturnType<typeof createFrame>;

export function createFrame(consoles: ConsoleAuth) {
  const signedIn: preHandlerAsyncHookHandler = async (req, reply) => {
    if (!req.consoleSession) return reply.redirect(`/console/login?return=${encodeURIComponent(req.url.startsWith('/console/') ? req.url : '/console/developer')}`, 303);
  };

  async function send(req: FastifyRequest, reply: FastifyReply, title: string, body: Html, status = 200) {
    const p = pageContextOf(req);
    return sendPage(reply, consolePage(p, { title, body, staff: await consoles.staffBar(req), head: html`<link rel="stylesheet" href="${DEV_ASSETS}">` }), status);
  }

  return {
    signedIn,
    send,
    residentId: (req: FastifyRequest) => req.consoleSession!.residentId,
    actor: (req: FastifyRequest) => asResident(req.consoleSession!.residentId),
    csrf: async (req: FastifyRequest) => (await consoles.staffBar(req))!.csrf,
    /** A refusal's text for the page; anything that is not a user's mistake is rethrown. */
    problem(p: PageContext, err: unknown): { status: number; message: string } {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const key = `developer.errors.${err.code}`;
      // Invalid input names its fields (technical names, the same in every language).
      const issues = (err.details?.issues as Array<{ field: string }> | undefined) ?? [];
      const text = p.t(key, { fields: issues.map((i) => i.field).join(', ') });
      return { status: err.status, message: text === key ? err.message : text };
    },
  };
}

/** The console's breadcrumb back to the developer home. */
export const backHome = (p: PageContext): Html => html`<p><a href="/console/developer?lang=${p.lang}">${p.t('developer.home.title')}</a></p>`;
