/**
 * The holiday table: public holidays, and weekend days made working days (调休). Used only
 * when deadlines move past holidays (settings); the administrator keeps it each year from the
 * State Council's annual notice, since no rule computes Chinese holidays.
 */
import type { CalendarDay } from '../calendar/due-date.js';
import type { Actor } from '../ledger/event-log.js';
import { type Context, write } from '../platform/context.js';

export async function listHolidays(
  ctx: Pick<Context, 'db'>,
  year?: number,
): Promise<CalendarDay[]> {
  let query = ctx.db.selectFrom('holidays').selectAll().orderBy('date');
  if (year) query = query.where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`);
  const rows = await query.execute();

  return rows.map((r) => ({ date: r.date, name: r.name, workday: r.workday === 1 }));
}

export async function putHoliday(
  ctx: Context,
  day: CalendarDay,
  actor: Actor,
): Promise<CalendarDay> {
  await write(ctx, async (change) => {
    const values = { name: day.name, workday: day.workday ? 1 : 0 };
    await change.trx
      .insertInto('holidays')
      .values({ date: day.date, ...values })
      .onConflict((c) => c.column('date').doUpdateSet(values))
      .execute();
    await change.event({ type: 'holiday.set', actor, data: { ...day } });
  });

  return day;
}

export async function removeHoliday(ctx: Context, date: string, actor: Actor): Promise<boolean> {
  return write(ctx, async (change) => {
    const found = await change.trx
      .selectFrom('holidays')
      .selectAll()
      .where('date', '=', date)
      .executeTakeFirst();
    if (!found) return false;

    await change.trx.deleteFrom('holidays').where('date', '=', date).execute();
    await change.event({ type: 'holiday.removed', actor, data: { date, name: found.name } });

    return true;
  });
}
