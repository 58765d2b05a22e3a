/**
 * Events: what every change writes to a log, inside the caller's transaction, so that a
 * business change and its event are committed together or not at all (DESIGN.md,
 * invariant 1). `system` is the log of instance-wide events (accounts, sign-ins, settings);
 * every unit has its own log for what concerns it.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Engine } from '../platform/db/database.js';
import type { Schema } from '../platform/db/schema.js';
import { canonicalJson } from './canonical-json.js';
import { DEFAULT_HASH_ALGORITHM, type HashAlgorithm } from './hash-algorithm.js';
import { type AppendedEntry, appendEntry } from './log-store.js';

export const SYSTEM_LOG = 'system';

/** Who did it, as the log records it: an account, or the instance itself (CLI, start-up). */
export interface Actor {
  username: string;
  ip?: string;
}

export interface EventInput {
  type: string;
  actor: Actor | null;
  /** The unit the event is about, if any. */
  unit?: string | null;
  result?: 'success' | 'failure';
  data: Record<string, unknown>;
}

/** The JSON document of one log entry (hashed as its RFC 8785 canonical form). */
export interface LogEvent {
  id: string;
  type: string;
  at: string;
  actor: { username: string } | null;
  source: { ip: string } | null;
  unit: string | null;
  result: 'success' | 'failure';
  data: Record<string, unknown>;
}

export interface LogWriter {
  trx: Transaction<Schema>;
  engine: Engine;
  now: Date;
}

/** Appends one event to `logId`. Precondition: inside the transaction of the change. */
export function appendEvent(
  writer: LogWriter,
  logId: string,
  input: EventInput,
  alg: HashAlgorithm = DEFAULT_HASH_ALGORITHM,
): Promise<AppendedEntry> {
  const at = writer.now.toISOString();
  const event: LogEvent = {
    id: randomUUID(),
    type: input.type,
    at,
    actor: input.actor ? { username: input.actor.username } : null,
    source: input.actor?.ip ? { ip: input.actor.ip } : null,
    unit: input.unit ?? null,
    result: input.result ?? 'success',
    data: input.data,
  };
  const row = {
    type: event.type,
    actor: input.actor?.username ?? null,
    at,
    entry: canonicalJson(event),
  };

  return appendEntry(writer.trx, writer.engine, logId, row, at, alg);
}
