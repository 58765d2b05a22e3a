/**
 * The steps after drafting: sending the letter (which sets the due date for feedback),
 * recording the feedback, closing, and the files that go with the letter or come back with
 * the feedback. Each is one event in the bureau's log (see referral-service.ts).
 */
import { randomUUID } from 'node:crypto';
import { addDays, beijingDate } from '../calendar/beijing-time.js';
import { type Context, write } from '../platform/context.js';
import type { ReferralRow } from '../platform/db/schema.js';
import { fail } from '../platform/errors.js';
import type { Viewer } from '../records/record-access.js';
import { actorOf, changeReferral, loadReferral, logStep } from './referral-service.js';

/**
 * Days the addressees have to answer. The notice sets no term; 30 days is the usual term for
 * a reply to a letter between organs (公文办理) and the reviewer may set another when sending.
 */
export const FEEDBACK_DAYS = 30;

export async function sendReferral(
  ctx: Context,
  viewer: Viewer,
  id: string,
  dueDate: string | undefined,
  ip: string,
): Promise<void> {
  const row = await loadReferral(ctx, viewer, id);
  if (row.status !== 'draft') fail('REFERRAL_STATE', undefined, '只有草稿可以发出');
  const today = beijingDate(ctx.clock.now());
  const due = dueDate ?? addDays(today, FEEDBACK_DAYS);
  if (due <= today)
    fail('VALIDATION_FAILED', [{ field: 'dueDate', message: '反馈期限须晚于今天' }]);

  const patch = { status: 'sent', due_date: due, sent_at: ctx.clock.now().toISOString() };
  await changeReferral(ctx, viewer, row, patch, 'referral.sent', ip, { dueDate: due });
}

/** Records the addressees' answer; a later answer (a correction) is a new event too. */
export async function recordFeedback(
  ctx: Context,
  viewer: Viewer,
  id: string,
  feedback: { result: string; date: string },
  ip: string,
): Promise<void> {
  const row = await loadReferral(ctx, viewer, id);
  if (row.status !== 'sent' && row.status !== 'feedback')
    fail('REFERRAL_STATE', undefined, '移送函发出后、办结前才能登记反馈');
  if (feedback.date < row.letter_date)
    fail('VALIDATION_FAILED', [{ field: 'date', message: '反馈日期不能早于移送函的日期' }]);

  const patch = {
    status: 'feedback',
    feedback_result: feedback.result,
    feedback_date: feedback.date,
    feedback_at: ctx.clock.now().toISOString(),
  };
  await changeReferral(ctx, viewer, row, patch, 'referral.feedback-recorded', ip);
}

/**
 * Closes a referral. Closing one that has no feedback (a draft abandoned, or an answer that
 * never came) needs a note saying why, since the annual report lists it as unanswered.
 */
export async function closeReferral(
  ctx: Context,
  viewer: Viewer,
  id: string,
  note: string | undefined,
  ip: string,
): Promise<void> {
  const row = await loadReferral(ctx, viewer, id);
  if (row.status === 'closed') fail('REFERRAL_STATE', undefined, '移送函已办结');
  if (row.status !== 'feedback' && !note)
    fail('VALIDATION_FAILED', [{ field: 'note', message: '尚未收到反馈，办结须说明原因' }]);

  const patch = {
    status: 'closed',
    close_note: note ?? null,
    closed_at: ctx.clock.now().toISOString(),
  };
  await changeReferral(ctx, viewer, row, patch, 'referral.closed', ip);
}

export type FileRole = 'attachment' | 'feedback';

export interface StoredFile {
  sm3: string;
  mediaType: string;
  size: number;
  name: string;
}

/**
 * Adds a file already in the evidence store: attachments while the letter is a draft,
 * feedback documents once it is sent and until it is closed.
 */
export async function addReferralFile(
  ctx: Context,
  viewer: Viewer,
  row: ReferralRow,
  role: FileRole,
  file: StoredFile,
  ip: string,
): Promise<string> {
  const open = role === 'attachment' ? ['draft'] : ['sent', 'feedback'];
  if (!open.includes(row.status))
    fail(
      'REFERRAL_STATE',
      undefined,
      role === 'attachment' ? '附件须在移送函发出前上传' : '反馈材料须在移送函发出后、办结前上传',
    );

  return write(
    ctx,
    async (change) => {
      const fileRow = {
        id: randomUUID(),
        referral_id: row.id,
        role,
        name: file.name,
        media_type: file.mediaType,
        size: file.size,
        sm3: file.sm3,
        uploaded_by: viewer.user.username,
        uploaded_at: change.now.toISOString(),
      };
      await change.trx.insertInto('referral_files').values(fileRow).execute();
      const extra = { fileId: fileRow.id, role, sm3: file.sm3, size: file.size };
      await logStep(change, row, 'referral.file-added', actorOf(viewer, ip), extra);

      return fileRow.id;
    },
    { lock: row.bureau },
  );
}

export async function loadReferralFile(ctx: Context, viewer: Viewer, id: string, fileId: string) {
  await loadReferral(ctx, viewer, id);
  const file = await ctx.db
    .selectFrom('referral_files')
    .selectAll()
    .where('id', '=', fileId)
    .where('referral_id', '=', id)
    .executeTakeFirst();
  if (!file) fail('EVIDENCE_NOT_FOUND');

  return file;
}
