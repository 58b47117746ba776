import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { badRequest } from '../../../../errors.ts';
import { pageContextOf } from '../../../../http/page-context.ts';
import { formFields, pageSchema } from '../../../../http/validate.ts';
import type { Organisations } from '../../organisations.ts';
import { pageLimit, type Frame } from '../frame.ts';
import { homeBody } from './template.ts';

/** `/console/developer`: the organisations of whoever is signed in; creating one makes them its owner. */
export function registerHomePage(app: FastifyInstance, deps: { frame: Frame; organisations: Organisations }) {
  const { frame, organisations } = deps;
  const guard = { preHandler: frame.signedIn, ...pageLimit };

  app.get('/console/developer', { ...guard, schema: pageSchema('The developer console: your organisations (any signed-in resident)') }, async (req, reply) => {
    const p = pageContextOf(req);
    return frame.send(req, reply, p.t('developer.home.title'), homeBody(p, await frame.csrf(req), await organisations.listFor(frame.actor(req))));
  });

  app.post<{ Body: Record<string, string | undefined> }>('/console/developer/organisations', { ...guard, schema: pageSchema('Create an organisation (you become its owner)', { body: formFields, redirects: true }) }, async (req, reply) => {
    const p = pageContextOf(req);
    const name = String(req.body?.name ?? '').trim();
    try {
      if (!name || name.length > 120) throw badRequest('invalid_name', 'Give the organisation a name of at most 120 characters.');
      const id = await organisations.create(frame.residentId(req), name);
      return reply.redirect(`/console/developer/organisations/${id}?lang=${p.lang}`, 303);
    } catch (err) {
      const { status, message } = frame.problem(p, err);
      return frame.send(req, reply, p.t('developer.home.title'), homeBody(p, await frame.csrf(req), await organisations.listFor(frame.actor(req)), { error: message, name }), status);
    }
  });
}

export const organisationName = z.string().trim().min(1).max(120);
