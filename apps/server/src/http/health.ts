import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { ping, type Db } from '../storage/db.ts';
import { z } from 'zod';

/**
 * `/healthz`: the process is alive (an orchestrator restarts it when this fails).
 * `/readyz`: it can serve — the database answers, and Redis when configured (an orchestrator
 * stops routing to it while this fails, and starts again when it recovers, with no restart).
 */
const CHECK_TIMEOUT_MS = 2000;

async function check(name: string, probe: () => Promise<unknown>): Promise<{ name: string; ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([probe(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS)))]);
    return { name, ok: true };
  } catch (err) {
    return { name, ok: false, error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

const tags = ['operations'];
const readiness = z.object({ status: z.enum(['ready', 'unavailable']), checks: z.record(z.string(), z.string()) });

export function registerHealthRoutes(app: FastifyInstance, deps: { db: Db; redis: Redis | undefined }): void {
  app.get('/healthz', { schema: { tags, summary: 'Liveness: the process answers', response: { 200: z.object({ status: z.literal('ok') }) } } }, async (_req, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));

  app.get('/readyz', { schema: { tags, summary: 'Readiness: the database (and Redis) answer; 503 names what does not', response: { 200: readiness, 503: readiness } } }, async (_req, reply) => {
    const checks = await Promise.all([check('database', () => ping(deps.db)), ...(deps.redis ? [check('redis', () => deps.redis!.ping())] : [])]);
    const ready = checks.every((c) => c.ok);
    return reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : 'unavailable', checks: Object.fromEntries(checks.map((c) => [c.name, c.ok ? 'ok' : c.error])) });
  });
}
