import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, flattenedVerify, type FlattenedJWS } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registeredWallet } from '../../support/login.ts';
import { startPlatform, type Platform } from '../../support/platform.ts';
import type { UserAgent } from '../../support/user-agent.ts';
import { departmentClient, portalSignIn, postForm } from './portal-support.ts';

/**
 * Submissions reach the department's own server as signed webhooks: the department verifies
 * the signature against the platform's published keys, and a failure on its side is retried.
 */
type Received = { body: string; verified?: Record<string, any>; error?: string };

let p: Platform;
let ua: UserAgent;
let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];
let failuresLeft = 1;

beforeAll(async () => {
  p = await startPlatform();
  const jwks = createRemoteJWKSet(new URL(`${p.issuer}/oidc/jwks`));
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', async () => {
      const entry: Received = { body };
      received.push(entry);
      try {
        const { payload, protectedHeader } = await flattenedVerify(JSON.parse(body) as FlattenedJWS, jwks);
        entry.verified = { ...JSON.parse(new TextDecoder().decode(payload)), header: protectedHeader };
      } catch (err) {
        entry.error = (err as Error).message;
      }
      // The department's server is down for the first delivery.
      const fail = failuresLeft > 0;
      if (fail) failuresLeft--;
      res.writeHead(fail ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/yat-submissions`;
  ({ ua } = await portalSignIn(p, await registeredWallet(p, 1), '/apply/register-as-voter'));
});

afterAll(async () => {
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
  await p?.close();
});

async function until<T>(check: () => T | undefined | Promise<T | undefined>, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('webhooks to the department', () => {
  test('a department registers its webhook URL through the API', async () => {
    const reo = await departmentClient(p, 'REO');
    expect((await reo.call('PUT', '/api/department/webhook', { url: 'ftp://example.com/' })).status).toBe(400);
    const res = await reo.call('PUT', '/api/department/webhook', { url: receiverUrl });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ department: 'REO', url: receiverUrl });
  });

  test('a submission is pushed, signed with the platform key, and retried after a 500', async () => {
    const url = `${p.issuer}/apply/register-as-voter`;
    const page = await ua.navigate(url);
    const res = await postForm(ua, url, page, {
      full_name: 'WONG Ka Yan',
      id_number: 'A234567(9)',
      birthdate: '1992-07-15',
      phone: '62345678',
      email: 'kayan.wong@example.com',
      chinese_name: '黃嘉欣',
      address: 'Flat C, 23/F, 8 Sha Tin Centre Street, Sha Tin',
      district: 'sha-tin',
      mail_language: 'zh',
      declaration: 'yes',
      action: 'submit',
    });
    expect(res.status).toBe(303);
    const reference = /\/applications\/([^?]+)/.exec(res.location!)![1]!;
    expect(reference).toMatch(/^REO-\d{4}-\d{6}$/);

    await until(() => (received.length >= 2 ? true : undefined), 'the retried delivery');
    expect(received).toHaveLength(2);
    for (const r of received) expect(r.error).toBeUndefined();
    const delivered = received[1]!.verified!;
    expect(delivered.header).toMatchObject({ alg: 'ES256', typ: 'yat-submission+jws' });
    expect(delivered).toMatchObject({ iss: p.issuer, aud: 'REO', event: 'application.submitted' });
    expect(delivered.application).toMatchObject({ reference, service: 'register-as-voter', status: 'submitted', answers: { district: 'sha-tin', full_name: 'WONG Ka Yan' } });
    // Both attempts carry the same event id, so the department can ignore a repeat.
    expect(received[0]!.verified!.jti).toBe(delivered.jti);

    // The receiver answered before the platform recorded the answer: wait for the record.
    const app = await p.app.portal.apps.byReference(reference);
    const row = await until(async () => (await p.app.portal.webhooks.deliveries(app!.id)).find((r) => r.delivered_at !== null), 'the delivery to be recorded');
    expect(row).toMatchObject({ attempts: 2, last_error: null });
  });

  test('a body that was tampered with does not verify', async () => {
    const jws = JSON.parse(received[1]!.body) as FlattenedJWS;
    const forged = { ...jws, payload: Buffer.from(JSON.stringify({ ...received[1]!.verified, status: 'approved' })).toString('base64url') };
    await expect(flattenedVerify(forged, createRemoteJWKSet(new URL(`${p.issuer}/oidc/jwks`)))).rejects.toThrow();
  });
});
