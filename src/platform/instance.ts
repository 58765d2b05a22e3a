/**
 * Opens an instance: the database, the migrations, the shipped rule versions and the three
 * administrator accounts. Used by `liuhen serve`, `liuhen init`, the tests and the demo, so
 * every entry point starts from the same state.
 */
import { type CreatedAdministrator, ensureAdministrators } from '../auth/administrators.js';
import type { SignatureAlgorithm } from '../ledger/signer.js';
import { ensureSigningKey } from '../ledger/signing-keys.js';
import { seedRules } from '../rules/rules.js';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import { type Context, createContext } from './context.js';
import { loadMasterKey } from './crypto/master-key.js';
import { type Database, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';

export interface Instance {
  ctx: Context;
  database: Database;
  migrations: string[];
  /** Administrators created by this opening, with their one-time passwords. */
  administrators: CreatedAdministrator[];
  close(): Promise<void>;
}

export interface OpenOptions {
  clock?: Clock;
  /** Algorithm of the first checkpoint signing key, when none exists yet. */
  signingAlg?: SignatureAlgorithm;
  /** One-time password for all three administrator accounts; generated when absent. */
  adminPassword?: string;
}

export async function openInstance(config: Config, options: OpenOptions = {}): Promise<Instance> {
  const database = openDatabase(config.dbUrl);
  try {
    const migrations = await migrateToLatest(database.db);
    const masterKey = loadMasterKey({ env: config.env, dataDir: config.dataDir });
    const ctx = createContext(database, options.clock ?? systemClock, config, masterKey);
    await ensureSigningKey(ctx, options.signingAlg);
    await seedRules(ctx);
    const administrators = await ensureAdministrators(ctx, options.adminPassword);

    return { ctx, database, migrations, administrators, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}
