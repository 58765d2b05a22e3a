/**
 * A record's history: every version of its content with what changed, and every event of
 * its log that names it. Earlier versions stay readable for ever (全程留痕).
 */
import type { LogEvent } from '../ledger/event-log.js';
import type { Context } from '../platform/context.js';
import type { Viewer } from './record-access.js';
import { loadVisible } from './record-service.js';

export interface Change {
  path: string;
  from: unknown;
  to: unknown;
}

/** The leaves of a JSON value by dotted path: `details.witnesses.0.name` → '李四'. */
export function flatten(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value === null || typeof value !== 'object') {
    out.set(prefix, value);
    return out;
  }

  for (const [key, child] of Object.entries(value)) {
    for (const [path, leaf] of flatten(child, prefix ? `${prefix}.${key}` : key))
      out.set(path, leaf);
  }

  return out;
}

export function diff(before: unknown, after: unknown): Change[] {
  const a = flatten(before);
  const b = flatten(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();

  return paths
    .filter((path) => JSON.stringify(a.get(path)) !== JSON.stringify(b.get(path)))
    .map((path) => ({ path, from: a.get(path) ?? null, to: b.get(path) ?? null }));
}

export async function recordHistory(ctx: Context, viewer: Viewer, id: string) {
  const row = await loadVisible(ctx, viewer, id);
  const versions = await ctx.db
    .selectFrom('record_versions')
    .selectAll()
    .where('record_id', '=', id)
    .orderBy('version')
    .execute();
  const entries = await ctx.db
    .selectFrom('log_entries')
    .select(['log_id', 'idx', 'entry'])
    .where('log_id', '=', row.unit)
    .where('entry', 'like', `%"recordId":"${id}"%`)
    .orderBy('idx')
    .execute();

  return {
    versions: versions.map((v, i) => ({
      version: v.version,
      kind: v.kind,
      at: v.at,
      actor: v.actor,
      reason: v.reason,
      data: JSON.parse(v.data) as unknown,
      changes: i === 0 ? [] : diff(JSON.parse(versions[i - 1]!.data), JSON.parse(v.data)),
    })),
    events: entries.map((e) => {
      const event = JSON.parse(e.entry) as LogEvent;
      return {
        log: e.log_id,
        index: e.idx,
        type: event.type,
        at: event.at,
        actor: event.actor?.username ?? null,
      };
    }),
  };
}
