import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { approveUpgrade, confirmAtCounter, recoverWallet, upgradeCode } from '../../../../packages/cli/src/wallet/counter.ts';
import { approveRequest, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { formatIdNumber } from '../../src/identity/id-number.ts';
import { places } from '../../src/counter/places.ts';
import { csrfIn, form, signInToConsole } from '../support/console.ts';
import { login, registeredWallet, resident, showSignInPage } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty, type RelyingParty } from '../support/relying-party.ts';

/**
 * In-person upgrade and recovery over real HTTP on a real database, with headless wallets for
 * the resident and for the staff member (who signs their confirmation with their own wallet).
 */
let p: Platform;
let rp: RelyingParty;
let staff: WalletState;
let logs = '';
const PASSPORT = 'KJ0457731';

beforeAll(async () => {
  // Everything the platform logs, at the most verbose level, to check what never appears in it.
  const sink = new Writable({ write(chunk, _enc, done) { logs += String(chunk); done(); } });
  p = await startPlatform({}, { logger: pino({ level: 'trace' }, sink) });
  rp = await createRelyingParty(p.app, p.issuer);
  staff = await registeredWallet(p, 0);
  await p.app.staff.grant({ residentId: staff.residentId, role: 'counter', counterId: 'gpo', grantedBy: 'cli', bootstrap: true });
});

afterAll(async () => {
  await p?.close();
});

const assurance = async (id: string) => (await p.app.residents.findById(id))!.assurance;
const rejection = (promise: Promise<unknown>) => promise.then(() => undefined, (err: { code?: string }) => err.code);

describe('in-person upgrade', () => {
  let wallet: WalletState;
  beforeAll(async () => {
    wallet = await registeredWallet(p, 1);
  });

  test('needs the staff confirmation and then the resident\'s; together they give acr plus in the next ID token', async () => {
    const before = await login(p, rp, wallet);
    wallet = before.wallet;
    expect(before.tokens.claims()!.acr).toBe('urn:yat:loa:standard');

    const shown = await upgradeCode(wallet);
    wallet = shown.state;
    expect(shown.result.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(shown.result.url).toMatch(new RegExp(`^${p.issuer}/wallet/upgrade#[A-Za-z0-9_-]{43}$`));

    // The resident alone: refused, still standard.
    expect(await rejection(approveUpgrade(wallet, shown.result.url))).toBe('awaiting_staff');
    expect(await assurance(wallet.residentId)).toBe('standard');

    // The staff member alone: recorded, still standard.
    const staffDone = await confirmAtCounter(staff, { code: shown.result.code, documentType: 'hkid', documentNumber: formatIdNumber(resident(1).idNumber) });
    staff = staffDone.state;
    expect(staffDone.result).toMatchObject({ status: 'staff_confirmed', counterId: 'gpo' });
    expect(await assurance(wallet.residentId)).toBe('standard');

    // Both: plus, and the next login says so.
    const approved = await approveUpgrade(wallet, shown.result.url);
    wallet = approved.state;
    expect(approved.result).toEqual({ status: 'completed', assurance: 'plus' });
    expect(await assurance(wallet.residentId)).toBe('plus');
    const after = await login(p, rp, wallet);
    wallet = after.wallet;
    expect(after.tokens.claims()!.acr).toBe('urn:yat:loa:plus');
    // The confirmation link is spent.
    expect(await rejection(approveUpgrade(wallet, shown.result.url))).toBe('code_used');
  });

  test('a counter code works once and expires after 10 minutes', async () => {
    const other = await registeredWallet(p, 2);
    const first = await upgradeCode(other);
    const doc = { documentType: 'passport', documentNumber: 'H1234567' };
    staff = (await confirmAtCounter(staff, { code: first.result.code, ...doc })).state;
    expect(await rejection(confirmAtCounter(staff, { code: first.result.code, ...doc }))).toBe('code_used');

    const second = await upgradeCode(first.state);
    // The first code was replaced by the second: one open upgrade per resident.
    expect(await rejection(approveUpgrade(second.state, first.result.url))).toBe('code_used');
    await p.ctx.storage.db.updateTable('counter_cases').set({ expires_at: Date.now() - 1 }).where('status', '=', 'pending').execute();
    expect(await rejection(confirmAtCounter(staff, { code: second.result.code, ...doc }))).toBe('code_expired');
    expect(await rejection(confirmAtCounter(staff, { code: 'ZZZZ-ZZZZ', ...doc }))).toBe('unknown_code');
    expect(await assurance(other.residentId)).toBe('standard');
  });

  test('an identity card that is not the resident\'s is refused; staff cannot upgrade themselves', async () => {
    const other = await registeredWallet(p, 3);
    const shown = await upgradeCode(other);
    expect(await rejection(confirmAtCounter(staff, { code: shown.result.code, documentType: 'hkid', documentNumber: formatIdNumber(resident(2).idNumber) }))).toBe('document_mismatch');
    const own = await upgradeCode(staff);
    staff = own.state;
    expect(await rejection(confirmAtCounter(staff, { code: own.result.code, documentType: 'hkid', documentNumber: formatIdNumber(resident(0).idNumber) }))).toBe('own_case');
  });

  test('the document number is never stored or logged in clear', async () => {
    const other = await registeredWallet(p, 4);
    const shown = await upgradeCode(other);
    staff = (await confirmAtCounter(staff, { code: shown.result.code, documentType: 'passport', documentNumber: PASSPORT })).state;
    const db = p.ctx.storage.db;
    const tables = ['counter_cases', 'audit_events', 'residents', 'staff_roles', 'sms_outbox', 'oidc_payloads', 'login_requests', 'wallet_challenges', 'console_sessions'] as const;
    for (const table of tables) {
      const rows = await db.selectFrom(table).selectAll().execute();
      expect(JSON.stringify(rows), table).not.toContain(PASSPORT);
    }
    const row = await db.selectFrom('counter_cases').selectAll().where('document_type', '=', 'passport').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(row.document_hash).toBe(p.ctx.crypto.lookupHash(`document\npassport\n${PASSPORT}`));
    expect(p.ctx.crypto.decrypt(row.document_enc!, `counter-case\n${row.id}\ndocument`)).toBe(PASSPORT);
    expect(logs.length).toBeGreaterThan(1000);
    expect(logs).not.toContain(PASSPORT);
    expect(logs).not.toContain(shown.result.code);
  });
});

describe('staff authorisation', () => {
  test('a resident without the counter role, or with it below plus, gets 403 (API and console); the bootstrap grant works at standard', async () => {
    let someone = await registeredWallet(p, 2);
    const target = await upgradeCode(await registeredWallet(p, 3));
    const doc = { code: target.result.code, documentType: 'passport', documentNumber: 'E7654321' };
    expect(await rejection(confirmAtCounter(someone, doc))).toBe('not_staff');

    // No role at all: the console refuses the sign-in itself.
    const refused = await signInToConsole(p, someone);
    someone = refused.wallet;
    expect(refused.landed.status).toBe(403);

    // A role granted by an operator (not the bootstrap) needs plus.
    await p.app.staff.grant({ residentId: someone.residentId, role: 'counter', counterId: 'sha-tin-po', grantedBy: staff.residentId, bootstrap: false });
    expect(await rejection(confirmAtCounter(someone, doc))).toBe('staff_needs_plus');
    const below = await signInToConsole(p, someone);
    someone = below.wallet;
    expect(below.landed.url).toBe(`${p.issuer}/console/counter`);
    expect(below.landed.status).toBe(403);
    expect(below.landed.body).toContain('plus');

    // The bootstrap staff member (standard level) is let in.
    const ok = await signInToConsole(p, staff);
    staff = ok.wallet;
    expect(ok.landed.status).toBe(200);
    expect(ok.landed.body).toContain('Counter console');
    expect(ok.landed.body).toContain('General Post Office');
  });
});

describe('console session', () => {
  test('ends after 15 minutes without a request; sign-out ends it at once', async () => {
    const signedIn = await signInToConsole(p, staff);
    staff = signedIn.wallet;
    const { ua } = signedIn;
    expect((await ua.request(`${p.issuer}/console/counter`)).status).toBe(200);
    const db = p.ctx.storage.db;
    await db.updateTable('console_sessions').set({ last_seen_at: Date.now() - 14 * 60_000 }).execute();
    expect((await ua.request(`${p.issuer}/console/counter`)).status).toBe(200);
    await db.updateTable('console_sessions').set({ last_seen_at: Date.now() - 15 * 60_000 - 1000 }).execute();
    const timedOut = await ua.request(`${p.issuer}/console/counter`);
    expect(timedOut.status).toBe(303);
    expect(timedOut.location).toBe(`${p.issuer}/console/login?return=%2Fconsole%2Fcounter`);

    const again = await signInToConsole(p, staff, '/console/counter', ua);
    staff = again.wallet;
    const csrf = csrfIn(again.landed.body);
    const out = await ua.request(`${p.issuer}/console/logout`, form({ csrf }));
    expect(out.status).toBe(303);
    expect((await ua.request(`${p.issuer}/console/counter`)).status).toBe(303);
  });
});

describe('recovery at the counter', () => {
  test('staff find the resident by identity number, check the document and issue a code; the new device replaces the old ones; the resident is told', async () => {
    const lost = await registeredWallet(p, 4);
    const signedIn = await signInToConsole(p, staff);
    staff = signedIn.wallet;
    const ua = signedIn.ua;
    const home = await ua.request(`${p.issuer}/console/counter`);
    const csrf = csrfIn(home.body);

    // Every console form needs the session's CSRF token.
    const forged = await ua.request(`${p.issuer}/console/counter/recovery/lookup`, form({ idNumber: formatIdNumber(resident(4).idNumber) }));
    expect(forged.status).toBe(403);

    const found = await ua.request(`${p.issuer}/console/counter/recovery/lookup`, form({ csrf, idNumber: formatIdNumber(resident(4).idNumber).toLowerCase() }));
    expect(found.status, found.body.slice(0, 2000)).toBe(200);
    expect(found.body, found.body.slice(found.body.indexOf('<main'), found.body.indexOf('<main') + 1500)).toContain('TAYLOR Alex');
    expect(found.body).toContain('A567***(*)');
    expect(found.body).not.toContain(formatIdNumber(resident(4).idNumber));
    const residentId = /name="residentId" value="([^"]+)"/.exec(found.body)![1]!;
    const issued = await ua.request(`${p.issuer}/console/counter/recovery/issue`, form({ csrf, residentId, documentType: 'hkid', documentNumber: formatIdNumber(resident(4).idNumber), checked: 'yes' }));
    expect(issued.status).toBe(200);
    const code = /data-recovery-code>([A-Z2-9-]+)</.exec(issued.body)![1]!;

    const since = Date.now();
    const fresh = await recoverWallet({ server: p.issuer, code, deviceName: 'New phone' });
    expect(fresh.residentId).toBe(lost.residentId);
    expect(await rejection(recoverWallet({ server: p.issuer, code }))).toBe('code_used');

    // The old device can no longer approve; the new one can.
    const s = await showSignInPage(p, rp, { scope: 'openid profile' });
    expect(await rejection(approveRequest(lost, s.link, 'all', s.code))).toBe('unknown_device');
    const ok = await login(p, rp, fresh);
    expect(ok.tokens.claims()!.sub).toBeTruthy();

    const sms = await p.ctx.storage.db.selectFrom('sms_outbox').selectAll().where('recipient', '=', resident(4).phone).where('created_at', '>=', since).execute();
    expect(sms.map((m) => m.body).join('\n')).toMatch(/new phone at a registration counter/);
  });

  test('a recovery code expires after 30 minutes', async () => {
    const r = await registeredWallet(p, 1);
    const staffMember = { resident: (await p.app.residents.findById(staff.residentId))!, grant: (await p.app.staff.grantsOf(staff.residentId))[0]! };
    const issued = await p.app.counter.cases.issueRecovery(staffMember, r.residentId, { documentType: 'passport', documentNumber: 'P9988776' });
    expect(issued.expiresAt - Date.now()).toBeGreaterThan(29 * 60_000);
    await p.ctx.storage.db.updateTable('counter_cases').set({ expires_at: Date.now() - 1 }).where('kind', '=', 'recovery').where('status', '=', 'staff_confirmed').execute();
    expect(await rejection(recoverWallet({ server: p.issuer, code: issued.code }))).toBe('code_expired');
  });
});

describe('bad input', () => {
  const json = 'application/json';
  const cases = [
    { name: 'confirm: a form body', method: 'POST', path: '/api/counter/upgrades/confirm', body: 'code=AAAA-AAAA', type: 'application/x-www-form-urlencoded', status: 415, error: 'unsupported_media_type' },
    { name: 'confirm: broken JSON', method: 'POST', path: '/api/counter/upgrades/confirm', body: '{"code":', type: json, status: 400 },
    { name: 'confirm: missing fields', method: 'POST', path: '/api/counter/upgrades/confirm', body: '{"code":"AAAA-AAAA"}', type: json, status: 400, error: 'invalid_request' },
    { name: 'confirm: an unknown document type', method: 'POST', path: '/api/counter/upgrades/confirm', body: JSON.stringify({ code: 'AAAA-AAAA', documentType: 'library_card', documentNumber: 'X1', nonce: 'a'.repeat(43), credential: {} }), type: json, status: 400, error: 'invalid_request' },
    { name: 'upgrade code without a wallet session', method: 'POST', path: '/api/wallet/upgrade', body: '{}', type: json, status: 401, error: 'no_session' },
    { name: 'upgrade: unknown token', method: 'GET', path: `/api/wallet/upgrade/${'a'.repeat(43)}`, status: 404, error: 'unknown_upgrade' },
    { name: 'upgrade: a token of the wrong shape', method: 'GET', path: '/api/wallet/upgrade/short', status: 404, error: 'unknown_upgrade' },
    { name: 'recovery: an unknown code', method: 'POST', path: '/api/wallet/recovery', body: '{"code":"AAAA-AAAA"}', type: json, status: 404, error: 'unknown_code' },
    { name: 'recovery: not a code at all', method: 'POST', path: '/api/wallet/recovery', body: '{"code":"<script>"}', type: json, status: 404, error: 'unknown_code' },
  ];
  for (const c of cases) {
    test(`${c.name}: ${c.status} with a message`, async () => {
      const res = await fetch(`${p.issuer}${c.path}`, { method: c.method, headers: c.type ? { 'content-type': c.type, accept: 'application/json' } : { accept: 'application/json' }, body: c.body });
      expect(res.status).toBe(c.status);
      const body = (await res.json()) as { error: string; message: string };
      expect(body.message).toMatch(/\S/);
      if (c.error) expect(body.error).toBe(c.error);
    });
  }
});

describe('records', () => {
  test('every staff action is an audit event naming the staff member, the counter and the resident', async () => {
    const staffTypes = ['counter.record.viewed', 'counter.upgrade.staff_confirmed', 'counter.upgrade.completed', 'counter.recovery.issued', 'counter.recovery.completed', 'staff.signed_in'];
    const events = await p.ctx.storage.db.selectFrom('audit_events').selectAll().where('type', 'in', staffTypes).execute();
    for (const type of staffTypes) expect(events.some((e) => e.type === type && JSON.parse(e.detail!).staffId === staff.residentId), type).toBe(true);
    for (const e of events) {
      const detail = JSON.parse(e.detail ?? '{}') as { staffId?: string; counterId?: string };
      expect(e.resident_id, e.type).toBeTruthy();
      expect(detail.staffId, e.type).toBeTruthy();
      const grant = (await p.app.staff.grantsOf(detail.staffId!)).find((g) => g.role === 'counter');
      expect(detail.counterId, e.type).toBe(grant!.counterId);
    }
    const denied = await p.ctx.storage.db.selectFrom('audit_events').selectAll().where('type', '=', 'staff.denied').execute();
    expect(denied.length).toBeGreaterThan(0);
  });

  test('the counters: at least 30 places covering all 18 districts, each with three languages, coordinates, hours and services', async () => {
    const list = await p.app.counters.list();
    expect(list.length).toBe(places.length);
    expect(list.length).toBeGreaterThanOrEqual(30);
    expect(new Set(list.map((c) => c.district)).size).toBe(18);
    for (const c of list) {
      for (const lang of ['en', 'zh-Hant', 'zh-Hans'] as const) expect(c.name[lang] && c.address[lang], `${c.id} ${lang}`).toBeTruthy();
      expect(c.lat).toBeGreaterThan(22.1);
      expect(c.lat).toBeLessThan(22.6);
      expect(c.lon).toBeGreaterThan(113.8);
      expect(c.lon).toBeLessThan(114.45);
      expect(c.openingHours).toMatch(/^(Mo|Su)/);
      expect(c.services).toContain('upgrade');
    }
  });
});
