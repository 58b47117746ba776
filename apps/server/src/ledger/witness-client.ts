import type { Logger } from '../logger.ts';
import { parseNote, verifiedBy, parseVkey, type Verifier } from './note.ts';
import type { LedgerStore, StoredCheckpoint } from './store.ts';

/**
 * The log's side of C2SP tlog-witness (https://c2sp.org/tlog-witness): each new checkpoint
 * is POSTed to every configured witness's `add-checkpoint` with a consistency proof from the
 * size the witness last cosigned (learnt from its 409 answer when unknown), and the
 * cosignatures that verify are stored with the checkpoint, which is then served with them.
 * Only the latest checkpoint is submitted; a slow witness never holds up the sequencer.
 */
export type WitnessConfig = { url: string; vkey: string };

export function createWitnessClient(deps: { store: LedgerStore; witnesses: readonly WitnessConfig[]; log: Logger; timeoutMs?: number }) {
  const witnesses = deps.witnesses.map((w) => ({ url: w.url, verifier: parseVkey(w.vkey), size: 0 }));
  let running: Promise<void> | undefined;
  let next: StoredCheckpoint | undefined;

  async function submitOne(w: { url: string; verifier: Verifier; size: number }, c: StoredCheckpoint, text: string): Promise<string | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const proof = w.size > 0 && w.size < c.size ? await deps.store.consistencyProof(w.size, c.size) : [];
      if (w.size > c.size) return undefined; // the witness has seen a newer checkpoint than this one
      const body = `old ${w.size}\n${proof.map((h) => `${h.toString('base64')}\n`).join('')}\n${c.note}`;
      const res = await fetch(`${w.url}/add-checkpoint`, { method: 'POST', body, headers: { 'content-type': 'text/plain' }, signal: AbortSignal.timeout(deps.timeoutMs ?? 5000) });
      const answer = await res.text();
      if (res.status === 409 && /^\d+\n$/.test(answer)) {
        w.size = Number(answer.trim());
        continue;
      }
      if (res.status !== 200) {
        deps.log.warn({ witness: w.url, status: res.status, answer: answer.slice(0, 200) }, 'witness refused the checkpoint');
        return undefined;
      }
      const lines = answer.split('\n').filter(Boolean).map((l) => `${l}\n`);
      const { signatures } = parseNote(`${text}\n${lines.join('')}`);
      if (!verifiedBy(text, signatures, w.verifier).ok) {
        deps.log.warn({ witness: w.url }, 'witness answered without a valid cosignature');
        return undefined;
      }
      w.size = c.size;
      return signatures.filter((s) => s.name === w.verifier.name && s.keyId.equals(w.verifier.keyId)).map((s) => s.line).join('');
    }
    return undefined;
  }

  async function submit(c: StoredCheckpoint): Promise<void> {
    const { text } = parseNote(c.note);
    const lines = await Promise.all(
      witnesses.map((w) =>
        submitOne(w, c, text).catch((err: unknown) => {
          deps.log.warn({ witness: w.url, err: (err as Error).message }, 'witness unreachable');
          return undefined;
        }),
      ),
    );
    const cosignatures = lines.filter(Boolean).join('');
    if (cosignatures) await deps.store.addCosignatures(c.size, cosignatures);
  }

  return {
    enabled: witnesses.length > 0,
    /** Submits `c` (or, if a submission is under way, the newest checkpoint after it). */
    offer(c: StoredCheckpoint): void {
      if (!witnesses.length) return;
      next = c;
      if (running) return;
      running = (async () => {
        while (next) {
          const current = next;
          next = undefined;
          await submit(current).catch((err: unknown) => deps.log.warn({ err }, 'submitting to witnesses failed'));
        }
        running = undefined;
      })();
    },
    async idle(): Promise<void> {
      while (running) await running;
    },
  };
}

export type WitnessClient = ReturnType<typeof createWitnessClient>;
