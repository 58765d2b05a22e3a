/**
 * Appends events to the per-unit logs inside the caller's transaction, so that a business
 * change and its event are committed together or not at all (DESIGN.md, invariant 1).
 * `system` is the log of instance-wide events: accounts, sign-ins, settings, units.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { type Engine, lockForUpdate } from '../platform/db/database.js';
import type { LogTable, Schema } from '../platform/db/schema.js';
import { canonicalJson } from './canonical-json.js';
import { type HashAlgorithm, leafHash } from './hash-algorithm.js';

export const SYSTEM_LOG = 'system';

/** Who did it, as the log records it: an account, or the instance itself (CLI, start-up). */
export interface Actor {
  username: string;
  ip?: string;
}

export interface EventInput {
  type: string;
  actor: Actor | null;
  /** The unit the event is about, if any; it does not choose the log. */
  unit?: string | null;
  result?: 'success' | 'failure';
  data: Record<string, unknown>;
}

export interface AppendedEvent {
  log: string;
  index: number;
  leafHash: string;
}

export interface LogWriter {
  trx: Transaction<Schema>;
  engine: Engine;
  now: Date;
}

/**
 * Appends one event to `logId`, creating the log on first use.
 * Precondition: called inside the transaction that makes the change the event describes.
 * Invariant: indexes of a log are 0…size-1 with no gaps, because the head row is locked.
 */
export async function appendEvent(
  writer: LogWriter,
  logId: string,
  input: EventInput,
  alg: HashAlgorithm = 'sm3',
): Promise<AppendedEvent> {
  const head = await lockOrCreateLog(writer, logId, alg);
  const at = writer.now.toISOString();
  const entry = canonicalJson({
    id: randomUUID(),
    type: input.type,
    at,
    actor: input.actor ? { username: input.actor.username } : null,
    source: input.actor?.ip ? { ip: input.actor.ip } : null,
    unit: input.unit ?? null,
    result: input.result ?? 'success',
    data: input.data,
  });
  const hash = leafHash(entry, head.alg as HashAlgorithm);

  await writer.trx
    .insertInto('log_entries')
    .values({
      log_id: logId,
      idx: head.size,
      type: input.type,
      actor: input.actor?.username ?? null,
      at,
      entry,
      leaf_hash: hash,
    })
    .execute();
  await writer.trx
    .updateTable('logs')
    .set({ size: head.size + 1 })
    .where('id', '=', logId)
    .execute();

  return { log: logId, index: head.size, leafHash: hash };
}

async function lockOrCreateLog(writer: LogWriter, logId: string, alg: HashAlgorithm) {
  const existing = await lockForUpdate<LogTable>(writer.trx, writer.engine, logId);
  if (existing) return existing;

  const head = { id: logId, alg, size: 0, created_at: writer.now.toISOString() };
  await writer.trx
    .insertInto('logs')
    .values(head)
    .onConflict((c) => c.doNothing())
    .execute();

  return (await lockForUpdate<LogTable>(writer.trx, writer.engine, logId))!;
}
