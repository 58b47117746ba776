import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registrarFor } from '../../../apps/server/src/oidc/client-registration.ts';
import { freePort, type Platform } from '../../../apps/server/test/support/platform.ts';
import { ensureRegistered } from '../src/registration.ts';
import { startLibraryCard } from '../src/start.ts';

/** The library-card service on a free port, registered with the test platform `p`. */
export async function startDemoAgainst(p: Platform) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'library-card-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const registration = await ensureRegistered(dir, baseUrl, registrarFor(p.app));
  const lib = await startLibraryCard({ issuer: p.issuer, port, host: '127.0.0.1', baseUrl, registration });
  return {
    lib,
    dir,
    async close() {
      await lib.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
