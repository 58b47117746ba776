import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registeredWallet } from '../../support/login.ts';
import { startPlatform, type Platform } from '../../support/platform.ts';
import type { UserAgent } from '../../support/user-agent.ts';
import { departmentClient, portalSignIn, postForm } from './portal-support.ts';

/**
 * An application with an attachment: the file is kept with the draft when other answers are
 * wrong, travels with the application, can be downloaded by the resident and by the right
 * department only, and neither it nor the answers are readable in the database.
 */
let p: Platform;
let ua: UserAgent;
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode('payslip for March: HK$18,500')]);
const url = () => `${p.issuer}/apply/apply-public-rental-housing`;
const answers = {
  full_name: 'LEE Chi Keung',
  id_number: 'A345678(4)',
  birthdate: '1958-11-03',
  phone: '53456789',
  email: 'chikeung.lee@example.net',
  address: 'Flat F, 5/F, 120 Hennessy Road, Wan Chai',
  household_size: '2',
  monthly_income: '18,500',
  housing_type: 'subdivided',
  has_elderly: 'yes',
  elderly_count: '1',
  declaration: 'yes',
  action: 'submit',
};
let reference = '';

beforeAll(async () => {
  p = await startPlatform();
  ({ ua } = await portalSignIn(p, await registeredWallet(p, 2), '/apply/apply-public-rental-housing'));
});
afterAll(async () => p?.close());

describe('attachments', () => {
  test('a good file is kept when other answers are wrong, and the application takes it', async () => {
    const page = await ua.navigate(url());
    const wrong = await postForm(ua, url(), page, { ...answers, household_size: '0' }, [{ field: 'income_proof', name: 'payslip.png', type: 'image/png', bytes: png }]);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('The number of people in your household must be between 1 and 12');
    expect(wrong.body).toContain('Uploaded: payslip.png');

    const res = await postForm(ua, url(), wrong, answers);
    expect(res.status).toBe(303);
    reference = /\/applications\/([^?]+)/.exec(res.location!)![1]!;
    expect(reference).toMatch(/^HD-\d{4}-\d{6}$/);
    const detail = await ua.navigate(`${p.issuer}/applications/${reference}`);
    const href = /href="(\/applications\/[^"]+\/files\/[^"]+)">payslip\.png<\/a>/.exec(detail.body)?.[1];
    expect(href).toBeDefined();
    const file = await fetch(`${p.issuer}${href}`, { headers: { cookie: await ua.jar.getCookieString(p.issuer) } });
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(png);
  });

  test('the Housing Department downloads it; another department cannot', async () => {
    const hd = await departmentClient(p, 'HD');
    const view = await hd.call('GET', `/api/department/applications/${reference}`);
    expect(view.json.answers).toMatchObject({ monthly_income: '18500', elderly_count: '1' });
    const [att] = view.json.attachments as Array<{ href: string; filename: string; content_type: string; size: number }>;
    expect(att).toMatchObject({ filename: 'payslip.png', content_type: 'image/png', size: png.length });
    const res = await fetch(att!.href, { headers: { authorization: `Bearer ${hd.accessToken}` } });
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(png);

    const ird = await departmentClient(p, 'Inland Revenue Department');
    const other = await fetch(att!.href, { headers: { authorization: `Bearer ${ird.accessToken}` } });
    expect(other.status).toBe(404);
  });

  test('answers, file names and contents are encrypted at rest', async () => {
    const db = p.ctx.storage.db;
    const app = await db.selectFrom('applications').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
    const file = await db.selectFrom('application_files').selectAll().where('application_id', '=', app.id).executeTakeFirstOrThrow();
    const sessions = await db.selectFrom('portal_sessions').select('data_enc').execute();
    const stored = JSON.stringify({ app, file, sessions });
    for (const secret of ['LEE Chi Keung', 'A345678', 'Hennessy', 'payslip', Buffer.from(png).toString('base64').slice(0, 12)]) expect(stored).not.toContain(secret);
  });
});
