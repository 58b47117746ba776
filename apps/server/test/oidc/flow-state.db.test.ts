import { expect, test } from 'vitest';
import { approveRequest } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { createApp } from '../../src/app.ts';
import { openContext } from '../../src/context.ts';
import { createLogger } from '../../src/logger.ts';
import { dropTestData } from '../support/context.ts';
import { continueToService, registeredWallet, showSignInPage } from '../support/login.ts';
import { startPlatform } from '../support/platform.ts';
import { createRelyingParty } from '../support/relying-party.ts';

/**
 * On SQLite a login in progress lives in the process's memory (oidc/flow-state.ts). A rollout
 * stops the process gracefully between the resident's approval and the browser's next step;
 * the login must still finish on the process that replaces it.
 */
test('a login approved before a graceful restart finishes after it', async () => {
  const p = await startPlatform();
  const rp = await createRelyingParty(p.app, p.issuer);
  const wallet = await registeredWallet(p);
  const s = await showSignInPage(p, rp);
  await approveRequest(wallet, s.link, 'all', s.code);
  await p.app.close();
  await p.ctx.close();

  // What a new process does: its own connections, the same data.
  const ctx = await openContext({ config: p.ctx.config, logger: createLogger({ logLevel: 'silent', env: 'test' }, 2) });
  const app = await createApp(ctx);
  await app.server.listen({ port: Number(new URL(p.issuer).port), host: '127.0.0.1' });
  try {
    const callback = await continueToService({ ...p, app }, rp, s.ua, s.uid);
    expect(callback).toBeDefined();
    const tokens = await rp.finishLogin(callback!, s.checks);
    expect(tokens.claims()?.sub).toBeTruthy();
  } finally {
    await app.close();
    await ctx.close();
    await dropTestData(ctx.config.dataDir);
  }
});
