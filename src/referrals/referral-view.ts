/**
 * A referral as the API shows it. Its records are described by the columns that the records
 * table holds in the clear (unit, quarter, time, form, level), not by their content: reading
 * that goes through the record's own page, which logs the read.
 */
import { beijingDate } from '../calendar/beijing-time.js';
import type { Context } from '../platform/context.js';
import type { ReferralRow } from '../platform/db/schema.js';
import type { Viewer } from '../records/record-access.js';
import type { ListQuery, ReferralStatus } from './referral-schema.js';
import { reviewedBureaus } from './referral-service.js';

export interface ReferralView {
  id: string;
  bureau: { code: string; name: string };
  number: string;
  date: string;
  addressees: string[];
  copyToDiscipline: boolean;
  copyTo: string[];
  status: ReferralStatus;
  dueDate: string | null;
  /** Sent, unanswered and past its due date (Beijing time). */
  overdue: boolean;
  feedback: { result: string; date: string; recordedAt: string } | null;
  closeNote: string | null;
  version: number;
  createdAt: string;
  createdBy: string;
  sentAt: string | null;
  closedAt: string | null;
  recordIds: string[];
  records?: Array<{
    id: string;
    unit: string;
    unitName: string;
    period: string;
    occurredAt: string;
    form: string;
    level: string;
    status: string;
  }>;
  files?: Array<{
    id: string;
    role: string;
    name: string;
    mediaType: string;
    size: number;
    sm3: string;
    uploadedAt: string;
    uploadedBy: string;
  }>;
}

export function isOverdue(row: ReferralRow, today: string): boolean {
  return row.status === 'sent' && row.due_date !== null && row.due_date < today;
}

function baseView(row: ReferralRow, bureauName: string, today: string): ReferralView {
  return {
    id: row.id,
    bureau: { code: row.bureau, name: bureauName },
    number: row.number,
    date: row.letter_date,
    addressees: JSON.parse(row.addressees),
    copyToDiscipline: Number(row.copy_discipline) === 1,
    copyTo: JSON.parse(row.copy_to),
    status: row.status as ReferralStatus,
    dueDate: row.due_date,
    overdue: isOverdue(row, today),
    feedback:
      row.feedback_result === null
        ? null
        : {
            result: row.feedback_result,
            date: row.feedback_date ?? '',
            recordedAt: row.feedback_at ?? '',
          },
    closeNote: row.close_note,
    version: row.version,
    createdAt: row.created_at,
    createdBy: row.created_by,
    sentAt: row.sent_at,
    closedAt: row.closed_at,
    recordIds: JSON.parse(row.record_ids),
  };
}

async function unitNames(ctx: Context, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('units')
    .select(['code', 'name'])
    .where('code', 'in', [...new Set(codes)])
    .execute();

  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function referralView(ctx: Context, row: ReferralRow): Promise<ReferralView> {
  const view = baseView(row, '', beijingDate(ctx.clock.now()));
  const records = await ctx.db
    .selectFrom('records')
    .select(['id', 'unit', 'period', 'occurred_at', 'form', 'level', 'status'])
    .where('id', 'in', view.recordIds)
    .execute();
  const names = await unitNames(ctx, [row.bureau, ...records.map((r) => r.unit)]);
  const byId = new Map(records.map((r) => [r.id, r]));
  const files = await ctx.db
    .selectFrom('referral_files')
    .selectAll()
    .where('referral_id', '=', row.id)
    .orderBy('uploaded_at')
    .execute();

  return {
    ...view,
    bureau: { code: row.bureau, name: names.get(row.bureau) ?? row.bureau },
    records: view.recordIds.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      const { occurred_at: occurredAt, ...columns } = r;
      return [{ ...columns, occurredAt, unitName: names.get(r.unit) ?? r.unit }];
    }),
    files: files.map((f) => ({
      id: f.id,
      role: f.role,
      name: f.name,
      mediaType: f.media_type,
      size: Number(f.size),
      sm3: f.sm3,
      uploadedAt: f.uploaded_at,
      uploadedBy: f.uploaded_by,
    })),
  };
}

/** The referrals of the bureaus the viewer reviews for, newest letter first. */
export async function listReferrals(
  ctx: Context,
  viewer: Viewer,
  filter: ListQuery,
): Promise<{ referrals: ReferralView[] }> {
  const bureaus = reviewedBureaus(viewer);
  if (filter.bureau && !bureaus.includes(filter.bureau)) return { referrals: [] };
  const scope = filter.bureau ? [filter.bureau] : bureaus;
  if (scope.length === 0) return { referrals: [] };

  let query = ctx.db.selectFrom('referrals').selectAll().where('bureau', 'in', scope);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.year) query = query.where('letter_date', 'like', `${filter.year}-%`);
  // Ids are UUIDs, so a quoted id matches only itself inside the JSON list.
  if (filter.record) query = query.where('record_ids', 'like', `%"${filter.record}"%`);
  const rows = await query.orderBy('letter_date', 'desc').orderBy('created_at', 'desc').execute();
  const today = beijingDate(ctx.clock.now());
  const names = await unitNames(ctx, scope);
  const views = rows.map((r) => baseView(r, names.get(r.bureau) ?? r.bureau, today));

  return { referrals: filter.overdue === '1' ? views.filter((v) => v.overdue) : views };
}
