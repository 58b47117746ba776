import { createYatClient } from '@yat/sdk';
import { createLibraryCardServer } from './app.ts';
import type { Registration } from './registration.ts';

/** Starts the service on its port, talking to the platform at `issuer`. */
export async function startLibraryCard(opts: { issuer: string; port: number; host?: string; baseUrl?: string; registration: Registration }) {
  const baseUrl = opts.baseUrl ?? `http://localhost:${opts.port}`;
  const yat = await createYatClient({ issuer: opts.issuer, clientId: opts.registration.clientId, redirectUri: `${baseUrl}/callback`, privateKey: opts.registration.privateKey });
  const server = createLibraryCardServer({ yat, baseUrl, issuer: opts.issuer });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => resolve());
  });
  return { baseUrl, server, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
