/**
 * The reporting deadline. The notice (汴统〔2020〕26号, 二) asks for the quarter's summary and
 * ledger "于每个季度第 1 个月 6 日前": before the 6th of the first month of the next quarter.
 * Whether "before the 6th" includes the 6th, and whether a deadline that falls on a public
 * holiday moves to the next working day, are settings (domain README §6).
 */
import { addDays, daysBetween } from './beijing-time.js';
import { formatDate, nextPeriod, type Period, periodDates } from './period.js';

export interface DeadlineRules {
  /** Day of the first month of the next quarter; the notice says 6. */
  day: number;
  /** True: submitting on that day is on time. False: the last on-time day is the day before. */
  inclusive: boolean;
  /** Move a deadline that falls on a non-working day to the next working day. */
  movePastHolidays: boolean;
}

/** A row of the holiday table: a public holiday, or a weekend day made a working day (调休). */
export interface CalendarDay {
  date: string;
  name: string;
  workday: boolean;
}

export const defaultDeadlineRules: DeadlineRules = {
  day: 6,
  inclusive: true,
  movePastHolidays: false,
};

/**
 * The last Beijing calendar date on which a submission for `period` is on time.
 * Precondition: `rules.day` is 1–28, so it exists in every month.
 */
export function dueDate(period: Period, rules: DeadlineRules, days: CalendarDay[] = []): string {
  const next = nextPeriod(period);
  const firstMonth = (next.quarter - 1) * 3 + 1;
  let due = formatDate(next.year, firstMonth, rules.day);
  if (!rules.inclusive) due = addDays(due, -1);
  if (!rules.movePastHolidays) return due;

  const byDate = new Map(days.map((day) => [day.date, day]));
  // A fortnight covers the longest run of Chinese non-working days (Spring Festival with
  // its adjacent weekends); the bound keeps a badly filled table from looping for ever.
  for (let step = 0; step < 14 && !isWorkingDay(due, byDate); step += 1) {
    due = addDays(due, 1);
  }

  return due;
}

/** Weekends are non-working unless the table makes them working days; holidays never work. */
export function isWorkingDay(date: string, table: Map<string, CalendarDay>): boolean {
  const listed = table.get(date);
  if (listed) return listed.workday;

  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();

  return weekday !== 0 && weekday !== 6;
}

/** Days late for a submission made on Beijing date `submittedOn`; 0 when on time. */
export function daysLate(submittedOn: string, due: string): number {
  return Math.max(0, daysBetween(due, submittedOn));
}

export interface PeriodCalendar {
  period: string;
  start: string;
  end: string;
  due: string;
}

export function periodCalendar(
  period: Period,
  rules: DeadlineRules,
  days: CalendarDay[] = [],
): PeriodCalendar {
  const { start, end } = periodDates(period);

  return {
    period: `${period.year}Q${period.quarter}`,
    start,
    end,
    due: dueDate(period, rules, days),
  };
}
