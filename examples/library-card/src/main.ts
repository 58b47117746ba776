import path from 'node:path';
import { loadOrCreateKey, savedClientId, saveClientId } from './registration.ts';
import { startLibraryCard } from './start.ts';

/**
 * Running the service on its own, against a platform somewhere else:
 *   YAT_ISSUER=https://id.example.gov PORT=4000 npm start
 * On first start it creates its key and prints the registration command for the platform's
 * operator; the client id they give back goes in LIBRARY_CARD_CLIENT_ID (kept afterwards).
 * (`npm start` at the repository root runs the platform and this service together.)
 */
const issuer = (process.env.YAT_ISSUER ?? 'http://localhost:3000').replace(/\/+$/, '');
const port = Number(process.env.PORT ?? 4000);
const baseUrl = (process.env.BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
const dir = path.resolve(process.env.DATA_DIR ?? './data/library-card');

const { privateKey } = await loadOrCreateKey(dir);
if (process.env.LIBRARY_CARD_CLIENT_ID) saveClientId(dir, process.env.LIBRARY_CARD_CLIENT_ID);
const clientId = savedClientId(dir);
if (!clientId) {
  process.stderr.write(
    `The library-card service is not registered with ${issuer} yet. Ask the platform operator to run:\n\n` +
      `  npx yat client add --name "Library card application" --name-zh-hant 申請圖書證 --name-zh-hans 申请图书证 \\\n` +
      `    --department "Public Libraries" --department-zh-hant 公共圖書館 --department-zh-hans 公共图书馆 \\\n` +
      `    --redirect-uri ${baseUrl}/callback --post-logout-redirect-uri ${baseUrl}/logged-out \\\n` +
      `    --backchannel-logout-uri ${baseUrl}/backchannel-logout --jwks-file ${path.join(dir, 'public-jwks.json')} \\\n` +
      `    --required-fields name_en --fields name_zh,birthdate,email,preferred_email,phone,address,postal_address \\\n` +
      `    --scope "openid signing notify" --client-credentials\n\n` +
      `then start again with LIBRARY_CARD_CLIENT_ID=<the client_id it prints>.\n`,
  );
  process.exit(1);
}
const { baseUrl: url } = await startLibraryCard({ issuer, port, baseUrl, registration: { clientId, privateKey } });
process.stderr.write(`Library card service (demo) at ${url}\n`);
