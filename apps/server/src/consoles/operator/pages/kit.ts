import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { html, type Html } from '../../../http/html.ts';
import type { PageContext } from '../../../http/layout.ts';
import { pageContextOf, sendPage } from '../../../http/page-context.ts';
import { errorReplies, pageSchema, redirectReply } from '../../../http/validate.ts';
import { formatDateTime } from '../../../i18n/time.ts';
import type { ConsoleAuth } from '../../auth.ts';
import { consolePage, errorSummary } from '../../layout.ts';
import { sessionIsFresh, stepUpUrl } from '../../step-up.ts';

/**
 * What every operator page shares: the guard (operator role, rate limit), the frame with the
 * console's navigation, and `act` — a risky action from a form: a fresh wallet approval first
 * (else to the step-up sign-in, coming back to the page), then the action; done, back to the
 * page (303, so a reload does not repeat it); refused, the page again with the reason (4xx).
 */
export type Body = Record<string, string | undefined>;
export type PageState = { error?: string; done?: boolean };

export const operatorPageSchema = (summary: string, extra: { params?: z.ZodType; body?: z.ZodType; querystring?: z.ZodType } = {}) => {
  const base = pageSchema(summary, { ...extra, redirects: true });
  return { ...base, response: { ...base.response, 303: redirectReply, ...errorReplies(409, 410) } };
};

export const when = (p: PageContext, at: number | null): string => (at === null ? p.t('operator.residents.never') : formatDateTime(p.lang, at));

export function reasonField(p: PageContext, id: string): Html {
  return html`<div class="field"><label for="${id}">${p.t('operator.reason')}</label><span class="hint" id="${id}-hint">${p.t('operator.reasonHint')}</span>
<textarea id="${id}" name="reason" rows="2" maxlength="500" required aria-describedby="${id}-hint"></textarea></div>`;
}

const sections = ['home', 'residents', 'requests', 'services', 'audit', 'staff', 'analytics'] as const;
const hrefOf = (s: (typeof sections)[number]) => (s === 'home' ? '/console/operator' : `/console/operator/${s}`);

function nav(p: PageContext, current: (typeof sections)[number]): Html {
  return html`<nav class="operator-nav" aria-label="${p.t('operator.nav.label')}"><ul>${sections.map(
    (s) => html`<li><a href="${hrefOf(s)}?lang=${p.lang}" ${s === current ? html`aria-current="page"` : ''}>${p.t(`operator.nav.${s}`)}</a></li>`,
  )}</ul></nav>`;
}

export function pageKit(consoles: ConsoleAuth) {
  const guard = { preHandler: consoles.requireStaff('operator'), config: { rateLimit: { max: 120, timeWindow: '1 minute' } } };

  async function send(req: FastifyRequest, reply: FastifyReply, o: { section: (typeof sections)[number]; title: string; body: Html; state?: PageState; status?: number; path?: string }) {
    const p = pageContextOf(req);
    // A form's answer is not a page to reload: the language switch goes to the page it came from.
    if (req.method === 'POST') p.path = o.path ?? hrefOf(o.section);
    const notice = o.state?.done ? html`<p class="notice" role="status">${p.t('operator.done')}</p>` : '';
    const body = html`${nav(p, o.section)}${errorSummary(p.t('operator.errorTitle'), o.state?.error)}${notice}${o.body}`;
    return sendPage(reply, consolePage(p, { title: o.title, body, staff: await consoles.staffBar(req) }), o.status ?? (o.state?.error ? 400 : 200));
  }

  const csrfOf = async (req: FastifyRequest): Promise<string> => (await consoles.staffBar(req))!.csrf;

  /** A message a person can act on, in their language; anything else is not theirs to see. */
  function problem(p: PageContext, err: unknown): { message: string; status: number } {
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    const key = `operator.errors.${err.code}`;
    const text = p.t(key);
    return { message: text === key ? err.message : text, status: err.status };
  }

  async function act(req: FastifyRequest, reply: FastifyReply, o: { back: string; run: () => Promise<unknown>; again: (state: PageState, status: number) => Promise<FastifyReply> }) {
    const p = pageContextOf(req);
    if (!sessionIsFresh(req.consoleSession)) return reply.redirect(stepUpUrl(o.back, p.lang), 303);
    try {
      await o.run();
    } catch (err) {
      const { message, status } = problem(p, err);
      return o.again({ error: message }, status);
    }
    return reply.redirect(`${o.back}?lang=${p.lang}&done=1`, 303);
  }

  return { guard, send, csrfOf, problem, act };
}

export type PageKit = ReturnType<typeof pageKit>;
