import { HASH_SIZE, type Hash } from './merkle.ts';
import { parseNote, verifiedBy, type NoteSignature, type Verifier } from './note.ts';

/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the note text is
 *   <origin>\n<tree size, decimal>\n<root hash, base64>\n[extension lines]
 * signed by the log (signed-note) and, optionally, cosigned by witnesses.
 */
export type Checkpoint = { origin: string; size: number; root: Hash; extensions: string[] };

export function formatCheckpoint(c: Omit<Checkpoint, 'extensions'> & { extensions?: string[] }): string {
  return `${c.origin}\n${c.size}\n${c.root.toString('base64')}\n${(c.extensions ?? []).map((e) => `${e}\n`).join('')}`;
}

export function parseCheckpointText(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.length < 4 || lines.at(-1) !== '') throw new Error('a checkpoint has an origin, a size and a root hash line');
  const [origin, size, root] = lines as [string, string, string];
  if (!origin) throw new Error('empty checkpoint origin');
  if (!/^(0|[1-9]\d{0,15})$/.test(size) || !Number.isSafeInteger(Number(size))) throw new Error('malformed checkpoint tree size');
  const hash = Buffer.from(root, 'base64');
  if (hash.length !== HASH_SIZE || hash.toString('base64') !== root) throw new Error('malformed checkpoint root hash');
  const extensions = lines.slice(3, -1);
  if (extensions.some((e) => e === '')) throw new Error('empty checkpoint extension line');
  return { origin, size: Number(size), root: hash, extensions };
}

export type OpenedCheckpoint = Checkpoint & { text: string; signatures: NoteSignature[]; cosigners: { name: string; timestamp: number }[] };

/**
 * Verifies a signed checkpoint: the log's signature must verify and the origin must be the
 * one expected; cosignatures from `witnesses` that verify are reported.
 */
export function openCheckpoint(note: string, log: Verifier, opts: { origin?: string; witnesses?: readonly Verifier[] } = {}): OpenedCheckpoint {
  const { text, signatures } = parseNote(note);
  if (!verifiedBy(text, signatures, log).ok) throw new Error('the checkpoint is not signed by the log key');
  const c = parseCheckpointText(text);
  if (opts.origin !== undefined && c.origin !== opts.origin) throw new Error(`the checkpoint origin is "${c.origin}", expected "${opts.origin}"`);
  const cosigners = (opts.witnesses ?? []).flatMap((w) => {
    const r = verifiedBy(text, signatures, w);
    return r.ok ? [{ name: w.name, timestamp: r.timestamp ?? 0 }] : [];
  });
  return { ...c, text, signatures, cosigners };
}
