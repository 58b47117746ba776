import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the SMS gateway (SMS_GATEWAY_URL): the platform posts {to, body} to it in
 * production, exactly as it would to a real operator. The bench reads the one-time codes
 * from here, so wallets are registered through the production path, not a dev outbox.
 */
export type SmsSink = { url: string; codeFor(phone: string, timeoutMs?: number): Promise<string>; close(): Promise<void> };

export async function startSmsSink(): Promise<SmsSink> {
  const codes = new Map<string, string[]>();
  const waiters = new Map<string, Array<(code: string) => void>>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      try {
        const { to, body } = JSON.parse(raw) as { to: string; body: string };
        const code = body.match(/\b(\d{6})\b/)?.[1];
        if (code) {
          const w = waiters.get(to)?.shift();
          if (w) w(code);
          else codes.set(to, [...(codes.get(to) ?? []), code]);
        }
        res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    codeFor(phone, timeoutMs = 10_000) {
      const ready = codes.get(phone)?.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no SMS to ${phone} within ${timeoutMs} ms`)), timeoutMs);
        waiters.set(phone, [
          ...(waiters.get(phone) ?? []),
          (code) => {
            clearTimeout(timer);
            resolve(code);
          },
        ]);
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
