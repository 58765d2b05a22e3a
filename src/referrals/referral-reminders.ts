/**
 * Feedback reminders for referrals: in-app notices to the reviewers of the referring bureau
 * on the reminder days before a sent referral's feedback is due (the reminderDays setting that
 * quarterly deadlines use, default 7, 3 and 1) and once on the day after it, while no feedback
 * has been recorded. Each notice is sent once (notices_once); the server runs this hourly
 * beside the reporting reminders (cli/serve-command.ts).
 * Limitation: no e-mail copy, unlike the reporting reminders (matters where reviewers do not
 * sign in for weeks; the list page marks overdue referrals meanwhile).
 */
import { randomUUID } from 'node:crypto';
import { beijingDate, daysBetween } from '../calendar/beijing-time.js';
import { type Context, write } from '../platform/context.js';
import type { ReferralRow } from '../platform/db/schema.js';
import { readSettings } from '../settings/settings.js';

export async function sendReferralReminders(ctx: Context): Promise<number> {
  const today = beijingDate(ctx.clock.now());
  const { reminderDays } = await readSettings(ctx);
  const open = await ctx.db
    .selectFrom('referrals')
    .selectAll()
    .where('status', '=', 'sent')
    .where('due_date', 'is not', null)
    .execute();
  let sent = 0;

  for (const referral of open) {
    const left = daysBetween(today, referral.due_date!);
    if (left >= 0 && !reminderDays.includes(left)) continue;
    const overdue = left < 0;
    const text = overdue
      ? `移送函 ${referral.number} 已超过反馈期限（${referral.due_date}），尚未收到反馈`
      : `移送函 ${referral.number} 应于 ${referral.due_date} 前收到反馈，还有 ${left} 天`;
    sent += await notifyReviewers(
      ctx,
      referral,
      overdue ? 'referral-overdue' : `referral-due-in-${left}`,
      text,
    );
  }

  return sent;
}

async function notifyReviewers(
  ctx: Context,
  referral: ReferralRow,
  kind: string,
  text: string,
): Promise<number> {
  const reviewers = await ctx.db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select('users.username')
    .where('users.active', '=', 1)
    .where('user_roles.unit', '=', referral.bureau)
    .where('user_roles.role', '=', 'reviewer')
    .execute();
  if (reviewers.length === 0) return 0;

  return write(
    ctx,
    async (change) => {
      let count = 0;
      for (const { username } of reviewers) {
        const result = await change.trx
          .insertInto('notices')
          .values({
            id: randomUUID(),
            username,
            kind,
            unit: referral.bureau,
            // The notices table keys a notice by period; a referral's number is unique in its bureau.
            period: referral.number,
            text,
            created_at: change.now.toISOString(),
            read_at: null,
          })
          .onConflict((c) => c.columns(['username', 'kind', 'unit', 'period']).doNothing())
          .executeTakeFirst();
        count += Number(result.numInsertedOrUpdatedRows ?? 0);
      }

      if (count > 0) {
        const data = { referralId: referral.id, kind, recipients: count };
        await change.event(
          { type: 'referral.reminder-sent', actor: null, unit: referral.bureau, data },
          referral.bureau,
        );
      }

      return count;
    },
    { lock: referral.bureau },
  );
}
