/**
 * The audit trail: a read-only view over the logs, for the audit administrator. It has no
 * write, edit or delete path of its own; events only ever arrive through the logs.
 */
import { toBeijingIso } from '../calendar/beijing-time.js';
import type { Context } from '../platform/context.js';

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

  const events: AuditEvent[] = rows.map((row) => {
    const entry = JSON.parse(row.entry) as {
      source: { ip?: string } | null;
      unit: string | null;
      result: string;
      data: unknown;
    };

    return {
      log: row.log_id,
      index: row.idx,
      type: row.type,
      actor: row.actor,
      at: row.at,
      atBeijing: toBeijingIso(new Date(row.at)),
      ip: entry.source?.ip ?? null,
      unit: entry.unit,
      result: entry.result,
      data: entry.data,
      leafHash: row.leaf_hash,
    };
  });

  return { total: Number(total.n), events };
}
