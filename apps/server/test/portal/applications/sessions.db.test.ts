import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPortalSessions, type PortalSessions } from '../../../src/portal/account/sessions.ts';
import { safeReturnPath } from '../../../src/portal/account/routes.ts';
import { openTestContext, type TestContext } from '../../support/context.ts';

/** The portal's own sessions: found by their token only, ended by a quiet spell or a working day. */
let ctx: TestContext;
let sessions: PortalSessions;

beforeAll(async () => {
  ctx = await openTestContext();
  sessions = createPortalSessions({ db: ctx.storage.db, crypto: ctx.crypto });
});
afterAll(async () => ctx?.close());

const input = { sub: 'pairwise-sub-1', claims: { name: 'CHAN Tai Man' }, idToken: 'header.payload.signature' };

describe('portal sessions', () => {
  test('a session is found by its token and gives the owner key, not the subject, as the owner', async () => {
    const token = await sessions.create(input);
    const s = await sessions.find(token);
    expect(s).toMatchObject({ sub: 'pairwise-sub-1', claims: { name: 'CHAN Tai Man' } });
    expect(s!.owner).toBe(sessions.ownerOf('pairwise-sub-1'));
    expect(s!.owner).not.toContain('pairwise-sub-1');
    const other = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await sessions.find(other)).toBeUndefined();
    expect(await sessions.find('not a token')).toBeUndefined();
  });

  test('a session left idle for more than 30 minutes has ended', async () => {
    const token = await sessions.create(input);
    await ctx.storage.db.updateTable('portal_sessions').set({ last_seen_at: Date.now() - 31 * 60_000 }).execute();
    expect(await sessions.find(token)).toBeUndefined();
  });

  test('a session ends after 8 hours however busy', async () => {
    const token = await sessions.create(input);
    await ctx.storage.db.updateTable('portal_sessions').set({ expires_at: Date.now() - 1 }).execute();
    expect(await sessions.find(token)).toBeUndefined();
  });

  test('signing out destroys the session', async () => {
    const token = await sessions.create(input);
    await sessions.destroy(token);
    expect(await sessions.find(token)).toBeUndefined();
  });
});

describe('return paths after sign-in', () => {
  test.each([
    ['/apply/renew-driving-licence?lang=zh-Hant', '/apply/renew-driving-licence?lang=zh-Hant'],
    ['https://evil.example/', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    [undefined, '/'],
  ])('%s goes to %s', (given, expected) => {
    expect(safeReturnPath(given)).toBe(expected);
  });
});
