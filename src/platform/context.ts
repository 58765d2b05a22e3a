/**
 * What every service needs: the database, the clock and the configuration. `write` runs a
 * change and its log events in one transaction (DESIGN.md, invariant 1).
 */
import path from 'node:path';
import type { Transaction } from 'kysely';
import { appendEvent, type EventInput, SYSTEM_LOG } from '../ledger/event-log.js';
import type { AppendedEntry } from '../ledger/log-store.js';
import { EvidenceStore } from '../records/evidence-store.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { type Database, type Engine, lockForUpdate } from './db/database.js';
import type { Db, Schema } from './db/schema.js';

export interface Context {
  db: Db;
  engine: Engine;
  clock: Clock;
  config: Config;
  /** Wraps the signing keys; never stored in the database. */
  masterKey: Buffer;
  /** The evidence files, content-addressed under the data folder. */
  evidence: EvidenceStore;
}

/** A transaction with the means to log what it changes. */
export interface Change {
  trx: Transaction<Schema>;
  now: Date;
  /** Appends an event to `log` (the system log by default) in this transaction. */
  event(input: EventInput, log?: string): Promise<AppendedEntry>;
}

export function createContext(
  database: Database,
  clock: Clock,
  config: Config,
  masterKey: Buffer,
): Context {
  const evidence = new EvidenceStore(path.join(config.dataDir, 'evidence'));

  return { db: database.db, engine: database.engine, clock, config, masterKey, evidence };
}

/**
 * Runs `work` in one transaction. `lock` names a log whose head is locked before anything
 * else: changes to a unit's records and reports take the unit's log head first, so two of
 * them always lock in the same order and cannot deadlock on PostgreSQL.
 */
export function write<T>(
  ctx: Context,
  work: (change: Change) => Promise<T>,
  options: { lock?: string } = {},
): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    if (options.lock) await lockForUpdate(trx, ctx.engine, options.lock);
    const now = ctx.clock.now();
    const writer = { trx, engine: ctx.engine, now };
    const change: Change = {
      trx,
      now,
      event: (input, log = SYSTEM_LOG) => appendEvent(writer, log, input, ctx.config.logHash),
    };

    return work(change);
  });
}
