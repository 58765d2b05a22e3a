/** The referrals a bureau sent in a year, as the annual report (汴统〔2020〕26号 §三) lists them. */
import type { Referral } from '../documents/annual-report.js';
import type { Context } from '../platform/context.js';

/** Sent referrals by letter date; drafts, and drafts closed without sending, are not cases. */
export async function referralsOfYear(
  ctx: Pick<Context, 'db'>,
  bureau: string,
  year: number,
): Promise<Referral[]> {
  const rows = await ctx.db
    .selectFrom('referrals')
    .select(['number', 'letter_date', 'addressees', 'record_ids', 'feedback_result'])
    .where('bureau', '=', bureau)
    .where('letter_date', 'like', `${year}-%`)
    .where('sent_at', 'is not', null)
    .orderBy('letter_date')
    .orderBy('number')
    .execute();

  return rows.map((r) => ({
    number: r.number,
    date: r.letter_date,
    target: (JSON.parse(r.addressees) as string[]).join('、'),
    records: (JSON.parse(r.record_ids) as string[]).length,
    feedback: r.feedback_result,
  }));
}
