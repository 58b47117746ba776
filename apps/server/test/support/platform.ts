import net from 'node:net';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openContext, type Context } from '../../src/context.ts';
import { demoResidents } from '../../src/identity/synthetic-registry.ts';
import { createLogger, type Logger } from '../../src/logger.ts';
import { dropTestData, testEnv } from './context.ts';

/**
 * The whole platform on a real port with a real database (SQLite file or a PostgreSQL
 * schema, per the test project), seeded with the demo residents of the synthetic registry.
 */
export type Platform = { issuer: string; ctx: Context; app: App; close(): Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * `hostname: 'localhost'` is for browser tests with WebAuthn: Chromium refuses an IP address
 * as a WebAuthn RP ID, and the RP ID is the issuer's host.
 */
export async function startPlatform(extra: Record<string, string> = {}, opts: { hostname?: 'localhost' | '127.0.0.1'; logger?: Logger } = {}): Promise<Platform> {
  const port = await freePort();
  const issuer = `http://${opts.hostname ?? '127.0.0.1'}:${port}`;
  const { env, dataDir, schema } = testEnv({ PORT: String(port), ISSUER: issuer, HOST: '127.0.0.1', ...extra });
  const config = loadConfig(env);
  const ctx = await openContext({ config, logger: opts.logger ?? createLogger({ logLevel: process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent', env: 'test' }, 2) });
  const app = await createApp(ctx);
  for (const r of demoResidents) await app.registry.add(r);
  await app.server.listen({ port, host: '127.0.0.1' });
  return {
    issuer,
    ctx,
    app,
    async close() {
      await app.close();
      await ctx.close();
      await dropTestData(dataDir, schema);
    },
  };
}
