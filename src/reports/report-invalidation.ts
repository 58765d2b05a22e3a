/**
 * What the reporting flow asks of a changing record, kept apart so that records can call it
 * inside their own transaction without depending on the rest of reporting:
 * a change to a quarter's records after a signature voids the signatures (and says so), and
 * a record listed in a submitted report is frozen.
 */
import type { Change } from '../platform/context.js';
import type { Db } from '../platform/db/schema.js';

/** Report states whose signatures a record change voids: compiled, not yet sent. */
const OPEN = ['draft', 'signed', 'sealed'];

/** Report states that freeze what they list until the bureau above returns them. */
export const SENT = ['submitted', 'accepted'];

export async function voidSignaturesAfterChange(
  change: Change,
  unit: string,
  period: string,
  recordId: string,
): Promise<void> {
  const open = await change.trx
    .selectFrom('reports')
    .select(['id', 'status', 'version'])
    .where('unit', '=', unit)
    .where('period', '=', period)
    .where('status', 'in', OPEN)
    .execute();

  for (const report of open) {
    const live = await change.trx
      .selectFrom('report_signatures')
      .select('role')
      .where('report_id', '=', report.id)
      .where('voided_at', 'is', null)
      .execute();
    const reason = `记录 ${recordId} 在签字后发生变化，签字已失效，请重新编制并签字`;
    await change.trx
      .updateTable('report_signatures')
      .set({ voided_at: change.now.toISOString(), void_reason: reason })
      .where('report_id', '=', report.id)
      .where('voided_at', 'is', null)
      .execute();
    await change.trx
      .updateTable('reports')
      .set({ status: 'draft', seal: null })
      .where('id', '=', report.id)
      .execute();
    if (live.length > 0 || report.status !== 'draft') {
      const data = {
        reportId: report.id,
        period,
        version: report.version,
        recordId,
        voided: live.map((s) => s.role),
      };
      await change.event({ type: 'report.signatures-voided', actor: null, unit, data }, unit);
    }
  }
}

/** Whether a record is listed in a report that has been sent and not returned. */
export async function isFrozen(db: Db | Change['trx'], recordId: string): Promise<boolean> {
  const row = await db
    .selectFrom('report_records')
    .innerJoin('reports', 'reports.id', 'report_records.report_id')
    .select('reports.id')
    .where('report_records.record_id', '=', recordId)
    .where('reports.status', 'in', SENT)
    .executeTakeFirst();

  return row !== undefined;
}
