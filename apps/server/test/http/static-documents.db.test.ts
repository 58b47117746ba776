import http from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startPlatform, type Platform } from '../support/platform.ts';

let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p.close());

const discovery = () => `${p.issuer}/.well-known/openid-configuration`;

/** Asks until the answer comes from the store (the first one fills it in the background). */
async function stored(url: string, headers: Record<string, string> = {}): Promise<Response> {
  for (let i = 0; i < 50; i++) {
    const res = await fetch(url, { headers });
    if (res.headers.has('age')) return res;
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} never came from the store`);
}

test('discovery and the key set come from the store with the provider’s own bytes, an ETag and a cache lifetime', async () => {
  for (const [url, maxAge] of [[discovery(), 300], [`${p.issuer}/oidc/jwks`, 60]] as const) {
    const fast = await stored(url);
    // An Origin header takes the whole stack (the provider answers CORS): the same document.
    const full = await fetch(url, { headers: { origin: 'https://service.example' } });
    expect(full.headers.has('age')).toBe(false);
    expect(fast.status).toBe(200);
    expect(await fast.text()).toBe(await full.text());
    expect(fast.headers.get('content-type')).toBe(full.headers.get('content-type'));
    expect(fast.headers.get('cache-control')).toBe(`public, max-age=${maxAge}`);
    expect(fast.headers.get('x-content-type-options')).toBe('nosniff');
    expect(fast.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(fast.headers.get('set-cookie')).toBeNull();

    const etag = fast.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const again = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
  }
});

/** fetch() will not send another Host header; a proxy does. */
function getAs(url: string, headers: Record<string, string>): Promise<{ age: boolean; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ age: res.headers.age !== undefined, body }));
      })
      .on('error', reject);
  });
}

test('only requests that name the issuer’s host are answered from the store: another host name takes the whole stack', async () => {
  const elsewhere = { host: 'login.example.gov' };
  for (let i = 0; i < 5; i++) {
    const answer = await getAs(discovery(), elsewhere);
    expect(answer.age).toBe(false);
    // The provider writes the address it was asked by, as it always has.
    expect((JSON.parse(answer.body) as { token_endpoint: string }).token_endpoint).toBe('http://login.example.gov/oidc/token');
    await new Promise((r) => setTimeout(r, 20));
  }
  const direct = (await (await stored(discovery())).json()) as { token_endpoint: string };
  expect(direct.token_endpoint).toBe(`${p.issuer}/oidc/token`);
  // Without TRUST_PROXY a forwarded host is not the request's host.
  const forwarded = await getAs(discovery(), { 'x-forwarded-host': new URL(p.issuer).host, host: 'login.example.gov' });
  expect(forwarded.age).toBe(false);
});

test('a query string or another method is not answered from the store', async () => {
  await stored(discovery());
  const withQuery = await fetch(`${discovery()}?x=1`);
  expect(withQuery.headers.has('age')).toBe(false);
  const post = await fetch(discovery(), { method: 'POST' });
  expect(post.headers.has('age')).toBe(false);
  expect(post.status).toBeGreaterThanOrEqual(400);
  expect(post.status).toBeLessThan(500);
});

test('behind a trusted proxy the forwarded host is the one that counts', async () => {
  const proxied = await startPlatform({ TRUST_PROXY: 'true' });
  try {
    const url = `${proxied.issuer}/.well-known/openid-configuration`;
    const viaProxy = { host: 'internal-address:8080', 'x-forwarded-host': new URL(proxied.issuer).host, 'x-forwarded-proto': 'http' };
    let answer = await getAs(url, viaProxy);
    for (let i = 0; i < 50 && !answer.age; i++) {
      await new Promise((r) => setTimeout(r, 20));
      answer = await getAs(url, viaProxy);
    }
    expect(answer.age).toBe(true);
    expect((JSON.parse(answer.body) as { token_endpoint: string }).token_endpoint).toBe(`${proxied.issuer}/oidc/token`);
    // The proxy's own address as the host, with no forwarded host: not the issuer's, so the whole stack answers.
    expect((await getAs(url, { host: 'internal-address:8080' })).age).toBe(false);
  } finally {
    await proxied.close();
  }
});
