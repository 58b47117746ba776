import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageContextOf } from '../../../../http/page-context.ts';
import { errorReplies, formFields, parseInput, replyOf } from '../../../../http/validate.ts';
import { auditFilters, cleanFilters, type AuditFilters, type AuditSearch } from '../../audit-search.ts';
import { operatorPageSchema, type Body, type PageKit, type PageState } from '../kit.ts';
import { auditBody } from './template.ts';

/**
 * The audit search as a page. The search is a POST (with the CSRF token): it may carry an
 * identity number, which must not sit in a URL that logs and histories keep; it is audited.
 * "Older events" posts the same filters with the page's cursor.
 */
const PATH = '/console/operator/audit';

export function registerAuditPage(app: FastifyInstance, deps: { kit: PageKit; search: AuditSearch }): void {
  const { kit } = deps;

  async function show(req: FastifyRequest, reply: FastifyReply, filters: Record<string, unknown>, result: Awaited<ReturnType<AuditSearch['search']>> | null, state: PageState = {}, status?: number) {
    const p = pageContextOf(req);
    return kit.send(req, reply, { section: 'audit', title: p.t('operator.audit.title'), body: auditBody(p, await kit.csrfOf(req), filters, result), state, path: PATH, ...(status ? { status } : {}) });
  }

  const filtersOf = (body: Body | undefined): AuditFilters => parseInput(auditFilters, cleanFilters(body ?? {}), 'search');

  app.get(PATH, { ...kit.guard, schema: operatorPageSchema('Audit search: the form (operator role)') }, async (req, reply) => show(req, reply, {}, null));

  app.post<{ Body: Body }>(PATH, { ...kit.guard, schema: operatorPageSchema('Audit search: events by resident, service, type, outcome and day, newest first (audited)', { body: formFields }) }, async (req, reply) => {
    const shown = cleanFilters(req.body ?? {});
    try {
      return await show(req, reply, shown, await deps.search.search(req.staffMember!, filtersOf(req.body)));
    } catch (err) {
      const { message, status } = kit.problem(pageContextOf(req), err);
      return show(req, reply, shown, null, { error: message }, status);
    }
  });

  app.post<{ Body: Body }>(`${PATH}.csv`, { ...kit.guard, schema: { ...operatorPageSchema('Audit search as CSV (up to 10,000 events, audited)', { body: formFields }), produces: ['text/csv'], response: { 200: replyOf('text/csv', 'the events found, as CSV'), ...errorReplies(400, 403, 429) } } }, async (req, reply) => {
    const csv = await deps.search.csv(req.staffMember!, filtersOf(req.body));
    return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store').header('content-disposition', `attachment; filename="yat-audit-${new Date().toISOString().slice(0, 10)}.csv"`).send(csv);
  });
}
