import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../db.ts';
import * as m001 from './001-identity-core.ts';
import * as m002 from './002-portal-catalogue.ts';
import * as m003 from './003-portal-applications.ts';
import * as m004 from './004-consent-wallet.ts';
import * as m006 from './006-staff-counters.ts';
import * as m007 from './007-ledger.ts';
import * as m008 from './008-signing.ts';
import * as m009 from './009-journeys.ts';
import * as m010 from './010-high-assurance.ts';
import * as m011 from './011-signing-csc.ts';
import * as m012 from './012-notifications.ts';
import * as m013 from './013-analytics.ts';
import * as m015 from './015-operator-console.ts';
import * as m014 from './014-developer-console.ts';
import * as m016 from './016-automation-clients.ts';
import * as m017 from './017-lean-token-indexes.ts';

type DialectMigration = {
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
  down(db: Kysely<any>, dialect: Dialect): Promise<void>;
};

// Listed, not discovered from the file system: the order is visible here and bundlers keep it.
const all: Record<string, DialectMigration> = {
  '001-identity-core': m001,
  '002-portal-catalogue': m002,
  '003-portal-applications': m003,
  '004-consent-wallet': m004,
  '006-staff-counters': m006,
  '007-ledger': m007,
  '008-signing': m008,
  '009-journeys': m009,
  '010-high-assurance': m010,
  '011-signing-csc': m011,
  '012-notifications': m012,
  '013-analytics': m013,
  '015-operator-console': m015,
  '014-developer-console': m014,
  '016-automation-clients': m016,
  '017-lean-token-indexes': m017,
};

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return Object.fromEntries(
        Object.entries(all).map(([name, m]) => [name, { up: (db: Kysely<any>) => m.up(db, dialect), down: (db: Kysely<any>) => m.down(db, dialect) }]),
      );
    },
  };
}
