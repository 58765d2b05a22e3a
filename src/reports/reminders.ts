/**
 * Deadline reminders: in-app notices to a unit's filler and leaders some days before the
 * deadline (settings, default 7, 3 and 1), and on the day after it, if nothing was sent, to
 * the unit and to the reviewers above. Each notice is sent once; the server runs this at
 * start-up and hourly.
 * When an SMTP server is configured, each new notice is also e-mailed to accounts that have an
 * address; a failed e-mail is logged as an event and never stops the in-app notice.
 */
import { randomUUID } from 'node:crypto';
import { beijingDate, daysBetween } from '../calendar/beijing-time.js';
import { formatPeriod, type Period, periodLabel, periodOfDate } from '../calendar/period.js';
import { type Context, write } from '../platform/context.js';
import { readSettings } from '../settings/settings.js';
import { createMailer } from './mailer.js';
import { dueOf } from './report-service.js';

const UNIT_ROLES = ['filler', 'ruleOfLawLeader', 'principal'];

export async function sendReminders(ctx: Context): Promise<number> {
  const today = beijingDate(ctx.clock.now());
  const { reminderDays } = await readSettings(ctx);
  const units = await ctx.db
    .selectFrom('units')
    .select(['code', 'name', 'reports_to'])
    .where('active', '=', 1)
    .where('reports_to', 'is not', null)
    .where('kind', 'in', ['province', 'city', 'county'])
    .execute();
  let sent = 0;

  for (const period of periodsInPlay(today)) {
    const due = await dueOf(ctx, period);
    const left = daysBetween(today, due);
    const overdue = left === -1;
    if (!overdue && !reminderDays.includes(left)) continue;

    for (const unit of units) {
      if (await submitted(ctx, unit.code, formatPeriod(period))) continue;
      const recipients = await recipientsOf(ctx, unit.code, overdue ? unit.reports_to : null);
      const text = overdue
        ? `${unit.name}${periodLabel(period)}的汇总表和记录台账已超过报送期限（${due}），尚未报送`
        : `${unit.name}${periodLabel(period)}的汇总表和记录台账应于 ${due} 前报送，还有 ${left} 天`;
      sent += await notify(ctx, recipients, {
        kind: overdue ? 'overdue' : `due-in-${left}`,
        unit: unit.code,
        period: formatPeriod(period),
        text,
      });
    }
  }

  return sent;
}

/** The quarter just ended (its deadline is near) and the current one (for long lead times). */
function periodsInPlay(today: string): Period[] {
  const current = periodOfDate(today);
  const previous: Period =
    current.quarter === 1
      ? { year: current.year - 1, quarter: 4 }
      : { year: current.year, quarter: (current.quarter - 1) as Period['quarter'] };

  return [previous, current];
}

async function submitted(ctx: Context, unit: string, period: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('reports')
    .select('id')
    .where('unit', '=', unit)
    .where('period', '=', period)
    .where('submitted_at', 'is not', null)
    .executeTakeFirst();

  return row !== undefined;
}

async function recipientsOf(ctx: Context, unit: string, above: string | null): Promise<string[]> {
  let query = ctx.db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select('users.username')
    .where('users.active', '=', 1)
    .where((eb) => {
      const own = eb.and([
        eb('user_roles.unit', '=', unit),
        eb('user_roles.role', 'in', UNIT_ROLES),
      ]);
      return above
        ? eb.or([
            own,
            eb.and([eb('user_roles.unit', '=', above), eb('user_roles.role', '=', 'reviewer')]),
          ])
        : own;
    });
  query = query.distinct();

  return (await query.execute()).map((r) => r.username);
}

async function notify(
  ctx: Context,
  usernames: string[],
  notice: { kind: string; unit: string; period: string; text: string },
): Promise<number> {
  if (usernames.length === 0) return 0;

  const fresh: string[] = [];
  const count = await write(ctx, async (change) => {
    let count = 0;
    for (const username of usernames) {
      const result = await change.trx
        .insertInto('notices')
        .values({
          id: randomUUID(),
          username,
          ...notice,
          created_at: change.now.toISOString(),
          read_at: null,
        })
        .onConflict((c) => c.columns(['username', 'kind', 'unit', 'period']).doNothing())
        .executeTakeFirst();
      const inserted = Number(result.numInsertedOrUpdatedRows ?? 0);
      if (inserted > 0) fresh.push(username);
      count += inserted;
    }

    if (count > 0) {
      const data = { period: notice.period, kind: notice.kind, recipients: count };
      await change.event(
        { type: 'report.reminder-sent', actor: null, unit: notice.unit, data },
        notice.unit,
      );
    }

    return count;
  });
  await mail(ctx, fresh, notice);

  return count;
}

/** E-mails the notice to those of `usernames` with an address, after it is committed. */
async function mail(
  ctx: Context,
  usernames: string[],
  notice: { unit: string; period: string; text: string },
) {
  const mailer = createMailer(ctx.config);
  if (!mailer || usernames.length === 0) return;

  const rows = await ctx.db
    .selectFrom('users')
    .select(['username', 'email'])
    .where('username', 'in', usernames)
    .where('email', 'is not', null)
    .execute();
  let failed = 0;
  for (const row of rows) {
    try {
      await mailer.send(row.email!, `【留痕】${notice.period} 报送提醒`, notice.text);
    } catch {
      failed += 1;
    }
  }

  if (failed > 0) {
    const data = { period: notice.period, failed, of: rows.length };
    await write(ctx, (change) =>
      change.event(
        {
          type: 'report.reminder-mail-failed',
          actor: null,
          unit: notice.unit,
          result: 'failure',
          data,
        },
        notice.unit,
      ),
    );
  }
}
