import crypto from 'node:crypto';
import { withDeploymentDb, type YatEnv } from './deployments.ts';

/**
 * The token table at production size: a platform in service holds 30 days of grants and
 * refresh tokens for every resident who signed in, millions of rows, and every token written
 * during a login goes into the same B-trees. `count` artefacts (half grants, half refresh
 * tokens of those grants, for an archive service the bench never calls) are written straight
 * into the deployment's database before it is measured. Each payload is about the size of a
 * real one.
 */
const day = 24 * 3600_000;

function payload(kind: 'Grant' | 'RefreshToken', id: string, grantId: string, accountId: string, now: number) {
  const iat = Math.floor(now / 1000);
  const common = { iat, exp: iat + 30 * 86400, accountId, clientId: 'bench-archive', kind, jti: id };
  return JSON.stringify(
    kind === 'Grant'
      ? { ...common, openid: { scope: 'openid profile email', claims: ['sub', 'name', 'email', 'phone_number'] }, rejected: { claims: [] } }
      : { ...common, grantId, scope: 'openid profile email offline_access', sessionUid: crypto.randomBytes(16).toString('base64url'), acr: 'urn:yat:loa:standard', amr: ['hwk', 'user'], authTime: iat, rotations: 0, iiat: iat, gty: 'authorization_code' },
  );
}

export async function seedTokenTable(e: YatEnv, postgresUrl: string, count: number, progress: (done: number) => void): Promise<number> {
  const started = Date.now();
  const pairs = Math.ceil(count / 2);
  // 5,000 pairs a statement: 50,000 parameters, under PostgreSQL's 65,535.
  const batch = 5_000;
  await withDeploymentDb(e, postgresUrl, {
    async postgres(c) {
      for (let done = 0; done < pairs; done += batch) {
        const n = Math.min(batch, pairs - done);
        const rows: unknown[] = [];
        for (let i = 0; i < n; i++) rows.push(...rowPair(Date.now()).flat());
        const values = Array.from({ length: n * 2 }, (_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`).join(', ');
        await c.query(`INSERT INTO oidc_payloads (model, id, payload, grant_id, expires_at) VALUES ${values}`, rows);
        progress(Math.min(count, (done + n) * 2));
      }
      await c.query('ANALYZE oidc_payloads');
    },
    sqlite(db) {
      const insert = db.prepare('INSERT INTO oidc_payloads (model, id, payload, grant_id, expires_at) VALUES (?, ?, ?, ?, ?)');
      for (let done = 0; done < pairs; done += batch) {
        const n = Math.min(batch, pairs - done);
        db.exec('BEGIN');
        for (let i = 0; i < n; i++) for (const row of rowPair(Date.now())) insert.run(...row);
        db.exec('COMMIT');
        progress(Math.min(count, (done + n) * 2));
      }
      // A database in service has long since copied its WAL back: measure that, not a checkpoint of 2 GB.
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    },
  });
  return Math.round((Date.now() - started) / 100) / 10;
}

type Row = [model: string, id: string, payload: string, grantId: string, expiresAt: number];

/** A grant and its refresh token. */
function rowPair(now: number): [Row, Row] {
  const grantId = crypto.randomBytes(32).toString('base64url');
  const tokenId = crypto.randomBytes(32).toString('base64url');
  const accountId = crypto.randomUUID();
  const expires = now + 30 * day;
  return [
    ['Grant', grantId, payload('Grant', grantId, grantId, accountId, now), grantId, expires],
    ['RefreshToken', tokenId, payload('RefreshToken', tokenId, grantId, accountId, now), grantId, expires],
  ];
}
