import type { FastifyInstance } from 'fastify';
import type { Audit } from '../audit/audit.ts';
import type { Context } from '../context.ts';
import { entryFor, openingOf, residentSecret } from './entry.ts';
import { ed25519Signer, vkeyOf } from './note.ts';
import { registerLedgerPage } from './pages/ledger-page.ts';
import { registerLedgerRoutes } from './routes.ts';
import { startSequencer, type Sequencer } from './sequencer.ts';
import { createLedgerStore, type LedgerStore } from './store.ts';
import { createWitnessClient, type WitnessClient } from './witness-client.ts';

/**
 * The transparency ledger (docs/ledger.md): every audit event about a resident becomes a
 * public entry in an append-only Merkle log. The audit sink writes the entry into the outbox
 * in the action's own transaction; the sequencer appends outbox rows to the tree; the log is
 * served as C2SP tlog-tiles with signed checkpoints, cosigned by the configured witnesses.
 */
export type Ledger = {
  store: LedgerStore;
  origin: string;
  vkey: string;
  sequencer: Sequencer | undefined;
  witnesses: WitnessClient;
  /** What the wallet needs to verify a resident's own entries (wallet API). */
  residentView(residentId: string, limit: number): Promise<ResidentLedgerView>;
  close(): Promise<void>;
};

export type ResidentLedgerView = {
  origin: string;
  checkpoint: string | null;
  secret: string;
  entries: { index: number; entry: string; opening: string; proof: string[] }[];
  pending: string[];
};

export const BATCH_SIZE = 256;

export function createLedger(server: FastifyInstance, deps: { ctx: Context; audit: Audit }): Ledger {
  const { ctx, audit } = deps;
  const { db, dialect } = ctx.storage;
  const keys = ctx.keys.ledger;
  if (!keys) throw new Error('the key file has no ledger keys');
  const origin = `${new URL(ctx.config.issuer).host}/ledger`;
  const signer = ed25519Signer(origin, Buffer.from(keys.seed, 'base64url'));
  const vkey = vkeyOf(signer);
  const store = createLedgerStore(db, { dialect, origin, signer });
  const witnesses = createWitnessClient({ store, witnesses: ctx.config.ledger.witnesses, log: ctx.log });

  if (ctx.config.ledger.enabled) {
    audit.addSink(async (trx, e) => {
      if (!e.residentId) return; // the log records uses of an identity; events about no one stay in the audit log only
      const opening = openingOf({ ...e, residentId: e.residentId });
      await store.enqueue(trx, { auditId: e.id, residentId: e.residentId, opening, entry: entryFor(opening, residentSecret(keys.secret, e.residentId)) });
    });
  }
  const sequencer = ctx.config.ledger.enabled
    ? startSequencer({ db, dialect, store, log: ctx.log, intervalMs: ctx.config.ledger.intervalMs, batchSize: BATCH_SIZE, onCheckpoint: (c) => witnesses.offer(c) })
    : undefined;

  registerLedgerRoutes(server, { store, vkey });
  registerLedgerPage(server, { store, vkey, origin, witnesses: ctx.config.ledger.witnesses.map((w) => w.vkey) });

  return {
    store,
    origin,
    vkey,
    sequencer,
    witnesses,
    async residentView(residentId, limit) {
      const latest = await store.latest();
      const entries = latest ? await store.residentEntries(residentId, limit) : [];
      return {
        origin,
        checkpoint: latest?.note ?? null,
        secret: residentSecret(keys.secret, residentId).toString('base64'),
        entries: await Promise.all(
          entries.filter((e) => e.index < latest!.size).map(async (e) => ({ ...e, proof: (await store.inclusionProof(e.index, latest!.size)).map((h) => h.toString('base64')) })),
        ),
        pending: await store.residentPending(residentId),
      };
    },
    async close() {
      await sequencer?.stop();
      await witnesses.idle();
    },
  };
}
