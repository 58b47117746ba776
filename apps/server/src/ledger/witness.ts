import fs from 'node:fs';
import path from 'node:path';
import { parseCheckpointText } from './checkpoint.ts';
import { emptyHash, HASH_SIZE, verifyConsistency } from './merkle.ts';
import { cosign, parseNote, verifiedBy, type Signer, type Verifier } from './note.ts';

/**
 * A witness (C2SP tlog-witness, https://c2sp.org/tlog-witness): it keeps, per log origin,
 * the latest checkpoint it cosigned, and cosigns a new one only if a consistency proof shows
 * it extends that one. Check and update happen in one synchronous step (the state file is
 * written, then renamed, before the answer), so two concurrent requests cannot roll it back.
 */
export type WitnessState = Record<string, { size: number; root: string }>;
export type WitnessAnswer = { status: number; body: string; contentType: string };

const text = (status: number, body: string): WitnessAnswer => ({ status, body: `${body}\n`, contentType: 'text/plain; charset=utf-8' });

export function createWitness(opts: { signer: Signer; logs: readonly Verifier[]; stateFile: string; now?: () => number }) {
  const { signer, logs, stateFile } = opts;
  let state: WitnessState = fs.existsSync(stateFile) ? (JSON.parse(fs.readFileSync(stateFile, 'utf8')) as WitnessState) : {};
  const persist = (next: WitnessState) => {
    fs.mkdirSync(path.dirname(stateFile), { recursive: true });
    const tmp = `${stateFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(next, null, 2));
    fs.renameSync(tmp, stateFile);
    state = next;
  };

  /** Handles one add-checkpoint request body; synchronous on purpose (see above). */
  function addCheckpoint(body: string): WitnessAnswer {
    const split = body.indexOf('\n\n');
    if (split < 0) return text(400, 'expected an old size line, proof lines, an empty line and a checkpoint');
    const head = body.slice(0, split).split('\n');
    const m = /^old (0|[1-9]\d*)$/.exec(head[0] ?? '');
    if (!m) return text(400, 'the first line must be "old <size>"');
    const old = Number(m[1]);
    const proofLines = head.slice(1);
    if (proofLines.length > 63) return text(400, 'more than 63 consistency proof lines');
    const proof = proofLines.map((l) => Buffer.from(l, 'base64'));
    if (proof.some((h, i) => h.length !== HASH_SIZE || h.toString('base64') !== proofLines[i])) return text(400, 'malformed consistency proof line');

    let note;
    try {
      note = parseNote(body.slice(split + 2));
    } catch (err) {
      return text(400, (err as Error).message);
    }
    const origin = note.text.slice(0, note.text.indexOf('\n'));
    const log = logs.find((l) => l.name === origin);
    if (!log) return text(404, `unknown log origin "${origin}"`);
    if (!verifiedBy(note.text, note.signatures, log).ok) return text(403, 'no valid signature by the log key');
    let c;
    try {
      c = parseCheckpointText(note.text);
    } catch (err) {
      return text(400, (err as Error).message);
    }
    if (old > c.size) return text(400, 'the old size is larger than the checkpoint size');
    const known = state[origin] ?? { size: 0, root: emptyHash().toString('base64') };
    if (old !== known.size) return { status: 409, body: `${known.size}\n`, contentType: 'text/x.tlog.size' };
    if (c.size === 0 && !c.root.equals(emptyHash())) return text(422, 'a tree of size 0 has the empty hash as its root');
    if (old === 0 && proof.length) return text(422, 'no consistency proof is needed from size 0');
    if (old > 0 && !verifyConsistency(old, c.size, Buffer.from(known.root, 'base64'), c.root, proof)) return text(422, 'the consistency proof does not verify: this checkpoint does not extend the one cosigned before');

    persist({ ...state, [origin]: { size: c.size, root: c.root.toString('base64') } });
    return { status: 200, body: cosign(note.text, signer, opts.now?.()), contentType: 'text/plain; charset=utf-8' };
  }

  return { addCheckpoint, state: () => state };
}
