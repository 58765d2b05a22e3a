/**
 * The audit trail: a read-only view over the logs, for the audit administrator. It has no
 * write, edit or delete path of its own; events only ever arrive through the logs.
 */
import { toBeijingIso } from '../calendar/beijing-time.js';
import type { LogEvent } from '../ledger/event-log.js';
import type { Context } from '../platform/context.js';
import { type Integrity, integrityChecker } from './entry-integrity.js';

export interface AuditQuery {
  log?: string;
  type?: string;
  actor?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export interface AuditEvent {
  log: string;
  index: number;
  type: string;
  actor: string | null;
  at: string;
  atBeijing: string;
  ip: string | null;
  unit: string | null;
  result: string;
  data: unknown;
  leafHash: string;
  integrity: Integrity;
}

export async function queryAuditTrail(ctx: Context, q: AuditQuery) {
  let query = ctx.db.selectFrom('log_entries');
  if (q.log) query = query.where('log_id', '=', q.log);
  if (q.type) query = query.where('type', 'like', `${q.type.replace(/[%_]/g, '')}%`);
  if (q.actor) query = query.where('actor', '=', q.actor);
  if (q.from) query = query.where('at', '>=', q.from);
  if (q.to) query = query.where('at', '<=', q.to);

  const total = await query
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('log_id')
    .orderBy('idx', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();

  // What is shown is what the entry itself says (the hashed text), not the index columns
  // beside it, so an edited column cannot mislead the auditor.
  const integrity = integrityChecker(ctx);
  const events: AuditEvent[] = [];
  for (const row of rows) {
    const entry = JSON.parse(row.entry) as LogEvent;
    events.push({
      log: row.log_id,
      index: row.idx,
      type: entry.type,
      actor: entry.actor?.username ?? null,
      at: entry.at,
      atBeijing: toBeijingIso(new Date(entry.at)),
      ip: entry.source?.ip ?? null,
      unit: entry.unit,
      result: entry.result,
      data: entry.data,
      leafHash: row.leaf_hash,
      integrity: await integrity({
        log: row.log_id,
        index: row.idx,
        entry: row.entry,
        leafHash: row.leaf_hash,
      }),
    });
  }

  return { total: Number(total.n), events };
}
