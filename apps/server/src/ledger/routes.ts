import type { FastifyInstance } from 'fastify';
import { notFound } from '../errors.ts';
import type { LedgerStore } from './store.ts';
import { parseTilePath } from './tiles.ts';
import { z } from 'zod';
import { errorReplies, replyOf } from '../http/validate.ts';

/**
 * The public log as C2SP tlog-tiles (https://c2sp.org/tlog-tiles) resources under /ledger:
 * `checkpoint` (mutable, cached for a second), `tile/<L>/<N>[.p/<W>]` and
 * `tile/entries/<N>[.p/<W>]` (immutable: the same path always has the same bytes, so a
 * CDN may keep them for a year), and `key`, the log's signed-note verifier key.
 */
const immutable = 'public, max-age=31536000, immutable';
const limit = { config: { rateLimit: { max: 3000, timeWindow: '1 minute' } } };

const tags = ['ledger'];

export function registerLedgerRoutes(app: FastifyInstance, deps: { store: LedgerStore; vkey: string }): void {
  const { store, vkey } = deps;

  app.get('/ledger/key', { ...limit, schema: { tags, summary: "The log's signed-note verifier key", response: { 200: replyOf('text/plain', 'a note verifier key (C2SP signed-note)') } } }, async (_req, reply) => reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(`${vkey}\n`));

  app.get('/ledger/checkpoint', { ...limit, schema: { tags, summary: 'The latest signed checkpoint (C2SP tlog-checkpoint)', response: { 200: replyOf('text/plain', 'a signed note'), ...errorReplies(404) } } }, async (_req, reply) => {
    const c = await store.latest();
    if (!c) throw notFound('no_checkpoint', 'The log has no checkpoint yet: nothing has been recorded.');
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=1').send(c.note);
  });

  app.get<{ Params: { '*': string } }>('/ledger/tile/*', { ...limit, schema: { tags, summary: 'A tile or an entry bundle (C2SP tlog-tiles): tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>]', params: z.object({ '*': z.string().max(200) }), response: { 200: replyOf('application/octet-stream', 'the tile'), ...errorReplies(404) } } }, async (req, reply) => {
    const t = parseTilePath(req.params['*']);
    if (!t) throw notFound('no_such_tile', 'Not a tile path: tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>] (C2SP tlog-tiles).');
    const data = t.level === 'entries' ? await store.entryBundle(t.index, t.width) : await store.tile(t.level, t.index, t.width);
    if (!data) throw notFound('no_such_tile', 'The log has no such tile (yet).');
    return reply.type('application/octet-stream').header('cache-control', immutable).send(data);
  });
}
