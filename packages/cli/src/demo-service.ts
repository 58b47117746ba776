import path from 'node:path';
import type { App } from '@yat/server/app.ts';
import type { Context } from '@yat/server/context.ts';
import { registrarFor } from '@yat/server/oidc/client-registration.ts';
import { ensureRegistered } from '../../../examples/library-card/src/registration.ts';
import { startLibraryCard } from '../../../examples/library-card/src/start.ts';

/**
 * In development `yat serve` also runs the demo library-card service (examples/), so a
 * newcomer can try a whole login at once. The platform registers it the way an operator
 * would with `yat client add`; the service keeps its own key in DATA_DIR/library-card.
 */
export async function startDemoService(ctx: Context, app: App): Promise<{ baseUrl: string; close(): Promise<void> } | undefined> {
  const port = ctx.config.demoPort;
  const baseUrl = `http://localhost:${port}`;
  try {
    const registration = await ensureRegistered(path.join(ctx.config.dataDir, 'library-card'), baseUrl, registrarFor(app));
    return await startLibraryCard({ issuer: ctx.config.issuer, port, host: ctx.config.host, baseUrl, registration });
  } catch (err) {
    ctx.log.warn({ err: (err as Error).message, port }, 'the demo library-card service did not start (set DEMO_PORT to another port)');
    return undefined;
  }
}
