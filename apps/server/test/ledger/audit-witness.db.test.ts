import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { formatCheckpoint } from '../../src/ledger/checkpoint.ts';
import { COSIGNATURE_V1, ed25519Signer, signNote, vkeyOf } from '../../src/ledger/note.ts';
import type { AuditVerdict } from '../../src/ledger/auditor.ts';
import { freePort, startPlatform, type Platform } from '../support/platform.ts';
import { yat, yatDaemon } from './yat-cli.ts';

// Hundreds of events and several audits in child processes: more than the default 30 s on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

let p: Platform;
let witness: ChildProcess | undefined;
let witnessUrl: string;
let witnessVkey: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yat-ledger-audit-'));

beforeAll(async () => {
  // The witness's key exists before the platform starts, so the platform can be configured with it.
  const keyFile = path.join(dir, 'witness.key');
  const seed = crypto.randomBytes(32);
  fs.writeFileSync(keyFile, JSON.stringify({ name: 'witness.test/w1', seed: seed.toString('base64url') }));
  witnessVkey = vkeyOf(ed25519Signer('witness.test/w1', seed, COSIGNATURE_V1));
  const port = await freePort();
  witnessUrl = `http://127.0.0.1:${port}`;
  p = await startPlatform({ LEDGER_INTERVAL_MS: '50', LEDGER_WITNESSES: `${witnessUrl} ${witnessVkey}` });
  const started = await yatDaemon<{ vkey: string }>(['ledger', 'witness', '--log', `${p.issuer}/ledger`, '--key', keyFile, '--port', String(port)]);
  witness = started.child;
  expect(started.info.vkey).toBe(witnessVkey);
});
afterAll(async () => {
  witness?.kill('SIGTERM');
  await p.close();
});

const events = async (n: number) => {
  for (let i = 0; i < n; i++) await p.app.audit.record(p.ctx.storage.db, { type: 'login.approved', outcome: 'success', residentId: `resident-${i % 7}`, clientId: 'svc_test', fields: ['name_en'] });
};
async function settled(): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const note = await (await fetch(`${p.issuer}/ledger/checkpoint`)).text();
    if ((await p.app.ledger.store.pending()) === 0 && note.includes('witness.test/w1')) return note;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the log did not settle with a cosigned checkpoint');
}
const audit = async (state: string, ...extra: string[]) => {
  const r = await yat(['ledger', 'audit', `${p.issuer}/ledger`, '--state', state, ...extra]);
  return { code: r.code, verdict: JSON.parse(r.stdout) as AuditVerdict };
};

describe('yat ledger audit', () => {
  const state = path.join(dir, 'audit-state.json');

  test('passes on an honest log, twice, and the second run checks consistency with the first', async () => {
    await events(300);
    await settled();
    const first = await audit(state, '--witness', witnessVkey);
    expect(first.code).toBe(0);
    expect(first.verdict).toMatchObject({ ok: true, size: 300, previous: null, cosigners: ['witness.test/w1'], checks: { signature: true, entries: true, tiles: true, root: true, witnesses: true } });
    await events(20);
    await settled();
    const second = await audit(state);
    expect(second.verdict).toMatchObject({ ok: true, size: 320, previous: { size: 300 }, checks: { consistency: true } });
  });

  test('fails when a tile or an entry is changed, and the state stays at the last good run', async () => {
    const db = p.ctx.storage.db;
    const tile = await db.selectFrom('ledger_tiles').selectAll().where('level', '=', 0).where('idx', '=', 0).executeTakeFirstOrThrow();
    const bytes = Buffer.from(tile.data, 'base64');
    bytes[40] = bytes[40]! ^ 0xff;
    await db.updateTable('ledger_tiles').set({ data: bytes.toString('base64') }).where('level', '=', 0).where('idx', '=', 0).execute();
    const badTile = await audit(state);
    expect(badTile.code).toBe(1);
    expect(badTile.verdict).toMatchObject({ ok: false, checks: { tiles: false } });
    await db.updateTable('ledger_tiles').set({ data: tile.data }).where('level', '=', 0).where('idx', '=', 0).execute();

    const entry = await db.selectFrom('ledger_entries').select(['entry']).where('idx', '=', 5).executeTakeFirstOrThrow();
    await db.updateTable('ledger_entries').set({ entry: entry.entry.replace('login.approved', 'login.declined') }).where('idx', '=', 5).execute();
    const badEntry = await audit(state);
    expect(badEntry.verdict).toMatchObject({ ok: false, checks: { tiles: false } });
    await db.updateTable('ledger_entries').set({ entry: entry.entry }).where('idx', '=', 5).execute();
    expect(JSON.parse(fs.readFileSync(state, 'utf8'))).toMatchObject({ size: 320 });
    expect((await audit(state)).verdict.ok).toBe(true);
  });

  test('a rewritten history — re-signed with the log’s own key — fails consistency, and the witness refuses to cosign it', async () => {
    const db = p.ctx.storage.db;
    await p.app.ledger.sequencer!.stop();
    // Rebuild the whole log with entry 5 changed: every tile and checkpoint recomputed and signed.
    const rows = await db.selectFrom('ledger_entries').selectAll().orderBy('idx').execute();
    for (const t of ['ledger_entries', 'ledger_tiles', 'ledger_checkpoints'] as const) await db.deleteFrom(t).execute();
    await db.updateTable('ledger_state').set({ size: 0 }).execute();
    await db.insertInto('ledger_outbox').values(rows.map((r) => ({ audit_id: r.audit_id, resident_id: r.resident_id, entry: r.idx === 5 ? r.entry.replace('login.approved', 'login.declined') : r.entry, opening: r.opening, created_at: 0 }))).execute();
    while (await p.app.ledger.store.integrate(db, 256));
    const forged = await p.app.ledger.store.latest();
    expect(forged!.size).toBe(320);

    const r = await audit(state);
    expect(r.code).toBe(1);
    expect(r.verdict).toMatchObject({ ok: false, checks: { signature: true, tiles: true, root: true, consistency: false } });
    expect(r.verdict.error).toMatch(/rewritten/);

    // The witness cosigned size 320 before; the forged 320 has another root: refused.
    const resubmit = await fetch(`${witnessUrl}/add-checkpoint`, { method: 'POST', body: `old 320\n\n${forged!.note}` });
    expect(resubmit.status).toBe(422);
    await p.app.audit.record(db, { type: 'login.approved', outcome: 'success', residentId: 'resident-x', clientId: 'svc_test' });
    const grown = await p.app.ledger.store.integrate(db, 256);
    const proof = await p.app.ledger.store.consistencyProof(320, 321);
    const extend = await fetch(`${witnessUrl}/add-checkpoint`, { method: 'POST', body: `old 320\n${proof.map((h) => `${h.toString('base64')}\n`).join('')}\n${grown!.note}` });
    expect(extend.status).toBe(422);
    expect(await extend.text()).toMatch(/does not extend/);
  });
});

describe('yat ledger witness speaks C2SP tlog-witness', () => {
  const post = (body: string) => fetch(`${witnessUrl}/add-checkpoint`, { method: 'POST', body });

  test('409 with its size for a wrong old size, 403 for a checkpoint not signed by the log, 404 for an unknown log, 400 for garbage', async () => {
    const cp = (await p.app.ledger.store.latest())!;
    const conflict = await post(`old 1\n\n${cp.note}`);
    expect(conflict.status).toBe(409);
    expect(conflict.headers.get('content-type')).toBe('text/x.tlog.size');
    expect(await conflict.text()).toBe('320\n');

    const impostor = ed25519Signer(p.app.ledger.origin, crypto.randomBytes(32));
    const text = formatCheckpoint({ origin: p.app.ledger.origin, size: 400, root: crypto.randomBytes(32) });
    expect((await post(`old 320\n\n${signNote(text, impostor)}`)).status).toBe(403);
    const elsewhere = ed25519Signer('elsewhere.example/log', crypto.randomBytes(32));
    expect((await post(`old 0\n\n${signNote(formatCheckpoint({ origin: 'elsewhere.example/log', size: 1, root: crypto.randomBytes(32) }), elsewhere)}`)).status).toBe(404);
    expect((await post('hello')).status).toBe(400);
  });
});
