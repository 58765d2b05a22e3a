/**
 * Reading records. Every read of a record is an event in its unit's log and a row the
 * record's page shows ("who has read it"), since a recorder must know who saw what they
 * wrote; a list logs one event per unit naming the records it showed.
 */
import { type Context, write } from '../platform/context.js';
import type { RecordRow } from '../platform/db/schema.js';
import { readableUnits, type Viewer } from './record-access.js';
import { actorOfViewer, loadVisible } from './record-service.js';
import { type RecordView, toRecordView } from './record-view.js';

export async function readRecord(
  ctx: Context,
  viewer: Viewer,
  id: string,
  ip: string,
): Promise<RecordView> {
  const row = await loadVisible(ctx, viewer, id);

  await write(
    ctx,
    async (change) => {
      await change.trx
        .insertInto('record_reads')
        .values({ record_id: id, username: viewer.user.username, at: change.now.toISOString() })
        .execute();
      await change.event(
        {
          type: 'record.read',
          actor: actorOfViewer(viewer, ip),
          unit: row.unit,
          data: { recordId: id },
        },
        row.unit,
      );
    },
    { lock: row.unit },
  );

  return (await viewsOf(ctx, [row], { withReads: true }))[0]!;
}

export interface RecordFilter {
  unit?: string;
  period?: string;
  status?: string;
  form?: string;
  situation?: string;
  q?: string;
  limit: number;
  offset: number;
}

export async function listRecords(ctx: Context, viewer: Viewer, filter: RecordFilter, ip: string) {
  if (viewer.holder.adminRole) return { total: 0, records: [] };

  const witnessOf = ctx.db
    .selectFrom('record_witnesses')
    .select('record_id')
    .where('username', '=', viewer.user.username);
  const units = readableUnits(viewer);
  let query = ctx.db
    .selectFrom('records')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('recorder_id', '=', viewer.user.id),
        ...(units.length ? [eb('unit', 'in', units)] : []),
        eb('id', 'in', witnessOf),
      ]),
    );
  if (filter.unit) query = query.where('unit', '=', filter.unit);
  if (filter.period) query = query.where('period', '=', filter.period);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.form) query = query.where('form', '=', filter.form);
  if (filter.situation) query = query.where('situation', '=', filter.situation);

  // Limitation: the text search runs over the decoded records of the viewer's scope, not in
  // SQL, because record content is not meant to be indexed in the clear (fine for a city's
  // few thousand records a year; a province-wide search would want an encrypted index).
  let rows = await query.orderBy('occurred_at', 'desc').orderBy('created_at', 'desc').execute();
  if (filter.q) rows = rows.filter((row) => matches(row, filter.q!));
  const page = rows.slice(filter.offset, filter.offset + filter.limit);
  await logListing(ctx, viewer, page, ip);

  return { total: rows.length, records: await viewsOf(ctx, page, { withReads: false }) };
}

function matches(row: RecordRow, q: string): boolean {
  const needle = q.normalize('NFKC').toLowerCase();

  return row.data.normalize('NFKC').toLowerCase().includes(needle);
}

async function logListing(ctx: Context, viewer: Viewer, rows: RecordRow[], ip: string) {
  if (rows.length === 0) return;

  const byUnit = new Map<string, string[]>();
  for (const row of rows) byUnit.set(row.unit, [...(byUnit.get(row.unit) ?? []), row.id]);
  await write(ctx, async (change) => {
    for (const [unit, recordIds] of byUnit) {
      await change.event(
        { type: 'record.listed', actor: actorOfViewer(viewer, ip), unit, data: { recordIds } },
        unit,
      );
    }
  });
}

/** Views of several records with their recorders, witnesses, evidence (and reads). */
export async function viewsOf(
  ctx: Context,
  rows: RecordRow[],
  options: { withReads: boolean },
): Promise<RecordView[]> {
  if (rows.length === 0) return [];

  const ids = rows.map((r) => r.id);
  const recorders = await ctx.db
    .selectFrom('users')
    .select(['id', 'username', 'name'])
    .where('id', 'in', [...new Set(rows.map((r) => r.recorder_id))])
    .execute();
  const witnesses = await ctx.db
    .selectFrom('record_witnesses')
    .selectAll()
    .where('record_id', 'in', ids)
    .orderBy('idx')
    .execute();
  const evidence = await ctx.db
    .selectFrom('evidence')
    .selectAll()
    .where('record_id', 'in', ids)
    .orderBy('uploaded_at')
    .execute();
  const reads = options.withReads
    ? await ctx.db
        .selectFrom('record_reads')
        .selectAll()
        .where('record_id', 'in', ids)
        .orderBy('at', 'desc')
        .execute()
    : [];

  const recorderById = new Map(recorders.map((u) => [u.id, u]));
  const witnessesOf = groupBy(witnesses, (w) => w.record_id);
  const evidenceOf = groupBy(evidence, (e) => e.record_id);
  const readsOf = groupBy(reads, (r) => r.record_id);

  return rows.map((row) => {
    const recorder = recorderById.get(row.recorder_id)!;
    return toRecordView({
      row,
      recorder: { username: recorder.username, name: recorder.name },
      witnesses: witnessesOf.get(row.id) ?? [],
      evidence: evidenceOf.get(row.id) ?? [],
      ...(options.withReads
        ? { reads: (readsOf.get(row.id) ?? []).map((r) => ({ username: r.username, at: r.at })) }
        : {}),
    });
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }

  return groups;
}
