import type { FastifyInstance } from 'fastify';
import { notFound } from '../errors.ts';
import type { LedgerStore } from './store.ts';
import { parseTilePath } from './tiles.ts';

/**
 * The public log as C2SP tlog-tiles (https://c2sp.org/tlog-tiles) resources under /ledger:
 * `checkpoint` (mutable, cached for a second), `tile/<L>/<N>[.p/<W>]` and
 * `tile/entries/<N>[.p/<W>]` (immutable: the same path always has the same bytes, so a
 * CDN may keep them for a year), and `key`, the log's signed-note verifier key.
 */
const immutable = 'public, max-age=31536000, immutable';
const limit = { config: { rateLimit: { max: 3000, timeWindow: '1 minute' } } };

export function registerLedgerRoutes(app: FastifyInstance, deps: { store: LedgerStore; vkey: string }): void {
  const { store, vkey } = deps;

  app.get('/ledger/key', limit, async (_req, reply) => reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(`${vkey}\n`));

  app.get('/ledger/checkpoint', limit, async (_req, reply) => {
    const c = await store.latest();
    if (!c) throw notFound('no_checkpoint', 'The log has no checkpoint yet: nothing has been recorded.');
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=1').send(c.note);
  });

  app.get<{ Params: { '*': string } }>('/ledger/tile/*', limit, async (req, reply) => {
    const t = parseTilePath(req.params['*']);
    if (!t) throw notFound('no_such_tile', 'Not a tile path: tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>] (C2SP tlog-tiles).');
    const data = t.level === 'entries' ? await store.entryBundle(t.index, t.width) : await store.tile(t.level, t.index, t.width);
    if (!data) throw notFound('no_such_tile', 'The log has no such tile (yet).');
    return reply.type('application/octet-stream').header('cache-control', immutable).send(data);
  });
}
