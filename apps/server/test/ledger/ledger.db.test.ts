import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { openSession, walletCall, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import type { ResidentLedgerView } from '../../src/ledger/index.ts';
import { login, registeredWallet } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty, type RelyingParty } from '../support/relying-party.ts';
import { runGoVerifier } from './go-verifier.ts';

vi.setConfig({ testTimeout: 90_000 });

let p: Platform;
let rp: RelyingParty;
let wallet: WalletState;

beforeAll(async () => {
  p = await startPlatform({ LEDGER_INTERVAL_MS: '50' });
  rp = await createRelyingParty(p.app, p.issuer);
  wallet = await registeredWallet(p);
});
afterAll(() => p.close());

const text = async (u: string) => {
  const res = await fetch(`${p.issuer}${u}`);
  expect(res.status, u).toBe(200);
  return res.text();
};

async function checkpointOfAtLeast(size: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${p.issuer}/ledger/checkpoint`);
    if (res.ok) {
      const note = await res.text();
      if (Number(note.split('\n')[1]) >= size) return note;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no checkpoint of size ${size}`);
}

describe('the public log, checked by Go’s sumdb/tlog and note packages', () => {
  test('checkpoint signature, inclusion of a resident’s login, consistency between two checkpoints', async () => {
    const vkey = (await text('/ledger/key')).trim();
    expect(vkey).toMatch(new RegExp(`^${new URL(p.issuer).host}/ledger\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]{44}$`));
    const first = await checkpointOfAtLeast(1); // the registration
    const oldFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yat-cp-')), 'checkpoint');
    fs.writeFileSync(oldFile, first);

    const { wallet: w } = await login(p, rp, wallet, { share: 'all' });
    wallet = w;
    const { cookie, state } = await openSession(wallet);
    wallet = state;
    let view: ResidentLedgerView | undefined;
    for (let i = 0; i < 100 && !view?.entries.some((e) => e.entry.includes('login.approved')); i++) {
      view = await walletCall<ResidentLedgerView>(wallet, cookie, 'GET', '/api/wallet/ledger');
      await new Promise((r) => setTimeout(r, 50));
    }
    const mine = view!.entries.find((e) => e.entry.includes('login.approved'))!;
    expect(JSON.parse(mine.entry)).toMatchObject({ type: 'login.approved', outcome: 'success', service: rp.clientId, v: 1 });
    expect(mine.entry).not.toContain(wallet.residentId);

    const verdict = await runGoVerifier(['-log', `${p.issuer}/ledger`, '-vkey', vkey, '-index', String(mine.index), '-entry', Buffer.from(mine.entry).toString('base64'), '-old', oldFile]);
    expect(verdict).toMatchObject({ ok: true, origin: `${new URL(p.issuer).host}/ledger`, included: mine.index, consistentFrom: Number(first.split('\n')[1]) });
    expect(verdict.size).toBeGreaterThan(mine.index);
  });

  test('the verifier rejects a checkpoint under another key, and an entry that is not the one logged', async () => {
    const vkey = (await text('/ledger/key')).trim();
    const other = vkey.replace(/\+[0-9a-f]{8}\+/, '+00000000+');
    expect(await runGoVerifier(['-log', `${p.issuer}/ledger`, '-vkey', other])).toMatchObject({ ok: false });
    expect(await runGoVerifier(['-log', `${p.issuer}/ledger`, '-vkey', vkey, '-index', '0', '-entry', Buffer.from('{"forged":true}').toString('base64')])).toMatchObject({ ok: false });
  });

  test('full and partial tiles at two levels: inclusion and consistency across 256-entry boundaries', async () => {
    const vkey = (await text('/ledger/key')).trim();
    const before = await checkpointOfAtLeast(1);
    const oldFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yat-cp-')), 'checkpoint');
    fs.writeFileSync(oldFile, before);
    const start = Number(before.split('\n')[1]);
    for (let i = 0; i < 600; i++) await p.app.audit.record(p.ctx.storage.db, { type: 'profile.updated', outcome: 'success', residentId: wallet.residentId, fields: ['email'] });
    const after = await checkpointOfAtLeast(start + 600);
    expect(Number(after.split('\n')[1])).toBe(start + 600);
    for (const index of [0, 255, 256, 300, start + 599]) {
      const verdict = await runGoVerifier(['-log', `${p.issuer}/ledger`, '-vkey', vkey, '-index', String(index), '-old', oldFile]);
      expect(verdict, `entry ${index}`).toMatchObject({ ok: true, included: index, consistentFrom: start });
    }
    expect((await fetch(`${p.issuer}/ledger/tile/1/000.p/2`)).status).toBe(200);
    const full = await fetch(`${p.issuer}/ledger/tile/0/000`);
    expect(full.headers.get('cache-control')).toContain('immutable');
    expect((await full.arrayBuffer()).byteLength).toBe(8192);
  });
});
