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

test('the endpoints in a stored discovery document follow the host the request names, as the provider writes them', async () => {
  const viaProxy = { host: 'login.example.gov', 'x-forwarded-proto': 'https' };
  let answer = await getAs(discovery(), viaProxy);
  for (let i = 0; i < 50 && !answer.age; i++) {
    await new Promise((r) => setTimeout(r, 20));
    answer = await getAs(discovery(), viaProxy);
  }
  expect(answer.age).toBe(true);
  const proxied = JSON.parse(answer.body) as { token_endpoint: string };
  const direct = (await (await stored(discovery())).json()) as { token_endpoint: string };
  expect(direct.token_endpoint).toBe(`${p.issuer}/oidc/token`);
  // Without TRUST_PROXY the forwarded protocol is ignored, as the provider itself ignores it.
  expect(proxied.token_endpoint).toBe('http://login.example.gov/oidc/token');
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
