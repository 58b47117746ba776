import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ConsoleAuth } from '../../../auth.ts';
import { consolePage } from '../../../layout.ts';
import { AppError } from '../../../../errors.ts';
import { html } from '../../../../http/html.ts';
import { pageContextOf, sendPage } from '../../../../http/page-context.ts';
import { formFields, pageSchema } from '../../../../http/validate.ts';
import { DEV_ASSETS } from '../../../developer/pages/frame.ts';
import type { ApprovalQueue } from '../../queue.ts';
import { queueBody } from './template.ts';

/** `/console/operator/approvals` (operator role): the queue; one form per request, approve or reject with a reason. */
const params = z.object({ requestId: z.string().max(40) });

export function registerApprovalPages(app: FastifyInstance, deps: { queue: ApprovalQueue; consoles: ConsoleAuth }) {
  const { queue, consoles } = deps;
  const guard = { preHandler: consoles.requireStaff('operator'), config: { rateLimit: { max: 120, timeWindow: '1 minute' } } };

  async function show(req: FastifyRequest, reply: FastifyReply, opts: Parameters<typeof queueBody>[3] = {}, status = 200) {
    const p = pageContextOf(req);
    p.path = '/console/operator/approvals';
    const bar = await consoles.staffBar(req);
    const body = queueBody(p, bar!.csrf, await queue.pending(), opts);
    return sendPage(reply, consolePage(p, { title: p.t('developer.approvals.title'), body, staff: bar, head: html`<link rel="stylesheet" href="${DEV_ASSETS}">` }), status);
  }

  app.get('/console/operator/approvals', { ...guard, schema: pageSchema('The approval queue: services asking for production, with what changes (operator role)') }, async (req, reply) => show(req, reply));

  app.post<{ Params: { requestId: string }; Body: Record<string, string | undefined> }>('/console/operator/approvals/:requestId', { ...guard, schema: pageSchema('Approve or reject a request, with a reason (operator role)', { params, body: formFields }) }, async (req, reply) => {
    const { t } = pageContextOf(req);
    const operator = req.staffMember!.resident.id;
    const reason = String(req.body?.reason ?? '');
    try {
      if (req.body?.decision === 'approve') await queue.approve(operator, req.params.requestId, reason);
      else if (req.body?.decision === 'reject') await queue.reject(operator, req.params.requestId, reason);
      else throw new AppError('invalid_decision', 400, t('developer.errors.invalid_decision'));
      return show(req, reply, { notice: t(req.body.decision === 'approve' ? 'developer.approvals.approved' : 'developer.approvals.rejected') });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const key = `developer.errors.${err.code}`;
      return show(req, reply, { error: t(key) === key ? err.message : t(key), errorFor: req.params.requestId }, err.status);
    }
  });
}
