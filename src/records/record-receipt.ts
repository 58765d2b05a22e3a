/**
 * The recorder's receipt: the record's latest event in its unit's log, with the inclusion
 * proof and a signed checkpoint, so the recorder can prove for ever, with no database, that
 * this record existed in this state. Also as a one-page PDF with a QR code of the receipt.
 */
import { formatPeriod, periodOfDate } from '../calendar/period.js';
import type { Receipt } from '../ledger/receipt.js';
import { buildReceipt } from '../ledger/receipts.js';
import type { Context } from '../platform/context.js';
import { fail } from '../platform/errors.js';
import { renderReceiptPdf } from './receipt-pdf.js';
import type { Viewer } from './record-access.js';
import type { RecordInput } from './record-schema.js';
import { loadVisible } from './record-service.js';

const formLabels: Record<RecordInput['form'], string> = {
  oral: '口头干预',
  letter: '来文来函',
  message: '通讯信息',
};

export async function recordReceipt(
  ctx: Context,
  viewer: Viewer,
  id: string,
): Promise<{ receipt: Receipt; pdf: () => Promise<Uint8Array> }> {
  const row = await loadVisible(ctx, viewer, id);
  if (row.recorder_id !== viewer.user.id)
    fail('RECORD_NOT_YOURS', undefined, '回执只发给记录人本人');
  if (!row.signed_at) fail('RECORD_NOT_SIGNED', undefined, '记录签字后才能下载回执');

  const receipt = await buildReceipt(ctx, row.unit, row.log_index);
  const unit = await ctx.db
    .selectFrom('units')
    .select('name')
    .where('code', '=', row.unit)
    .executeTakeFirstOrThrow();
  const input = JSON.parse(row.data) as RecordInput;
  const summary = {
    recordId: row.id,
    unitName: unit.name,
    period: formatPeriod(periodOfDate(row.occurred_at)),
    occurredAt: row.occurred_at,
    formLabel: formLabels[input.form],
    recorderName: viewer.user.name,
    signedAt: row.signed_at,
  };

  return { receipt, pdf: () => renderReceiptPdf(receipt, summary, { now: ctx.clock.now() }) };
}
