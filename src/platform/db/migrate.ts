/**
 * Runs the migrations, one list for both engines. They live in code (not discovered on disk)
 * so that the same set ships inside any bundle and runs in a known order.
 */
import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as foundation from './migrations/0001-foundation.js';
import * as merkleLog from './migrations/0002-merkle-log.js';
import * as records from './migrations/0003-records.js';
import * as reports from './migrations/0004-reports.js';
import * as notices from './migrations/0005-notices.js';
import * as userEmail from './migrations/0006-user-email.js';
import * as recordImports from './migrations/0007-record-imports.js';
import * as logFrontier from './migrations/0008-log-frontier.js';
import * as referrals from './migrations/0009-referrals.js';
import * as oversight from './migrations/0010-oversight.js';
import * as annualSummaries from './migrations/0011-annual-summaries.js';
import * as passwordHistory from './migrations/0012-password-history.js';
import type { Db } from './schema.js';

const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-merkle-log': merkleLog,
  '0003-records': records,
  '0004-reports': reports,
  '0005-notices': notices,
  '0006-user-email': userEmail,
  '0007-record-imports': recordImports,
  '0008-log-frontier': logFrontier,
  '0009-referrals': referrals,
  '0010-oversight': oversight,
  '0011-annual-summaries': annualSummaries,
  '0012-password-history': passwordHistory,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; returns the names of the migrations it applied. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;

  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
