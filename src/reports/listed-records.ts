/**
 * The records a compiled report lists, each as it stood at the version the report names: the
 * content a submitted ledger showed stays what later readers see, even after an amendment.
 */
import type { Context } from '../platform/context.js';
import type { RecordRow } from '../platform/db/schema.js';

/** Rows of each report in ledger order (序号), keyed by report id; `data` as listed. */
export async function recordsListedBy(
  ctx: Context,
  reportIds: readonly string[],
): Promise<Map<string, RecordRow[]>> {
  const result = new Map<string, RecordRow[]>(reportIds.map((id) => [id, []]));
  if (reportIds.length === 0) return result;

  // A national region over 40 quarters counts some 100,000 reports: their ids go in slices
  // too. Each report falls in one slice whole, so its lines keep their ledger order.
  const listed = await inChunks(reportIds, (chunk) =>
    ctx.db
      .selectFrom('report_records')
      .select(['report_id', 'record_id', 'record_version'])
      .where('report_id', 'in', chunk)
      .orderBy('report_id')
      .orderBy('seq')
      .execute(),
  );
  const ids = [...new Set(listed.map((l) => l.record_id))];
  const rows = await inChunks(ids, (chunk) =>
    ctx.db.selectFrom('records').selectAll().where('id', 'in', chunk).execute(),
  );
  const versions = await inChunks(ids, (chunk) =>
    ctx.db
      .selectFrom('record_versions')
      .select(['record_id', 'version', 'data'])
      .where('record_id', 'in', chunk)
      .execute(),
  );
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const dataOf = new Map(versions.map((v) => [`${v.record_id}/${v.version}`, v.data]));

  for (const l of listed) {
    const row = rowById.get(l.record_id)!;
    const data = dataOf.get(`${l.record_id}/${l.record_version}`) ?? row.data;
    result.get(l.report_id)!.push({ ...row, data });
  }

  return result;
}

// SQLite allows 32,766 bound values a statement and PostgreSQL 65,535: a year of a large
// region's records goes in slices well below both.
const CHUNK = 5_000;

async function inChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>) {
  const result: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) result.push(...(await read(ids.slice(i, i + CHUNK))));

  return result;
}
