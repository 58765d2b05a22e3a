/**
 * Reporting periods. A period is a calendar quarter written `2020Q2` (DESIGN.md, Times);
 * a record belongs to the quarter of its interference time (domain README §6).
 */

export interface Period {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

const PERIOD_PATTERN = /^(\d{4})Q([1-4])$/;

/** Parses `2020Q2`; returns null for anything else, so callers choose their own error. */
export function parsePeriod(text: string): Period | null {
  const match = PERIOD_PATTERN.exec(text);
  if (!match) return null;

  const year = Number(match[1]);
  if (year < 1900 || year > 2999) return null;

  return { year, quarter: Number(match[2]) as Period['quarter'] };
}

export function formatPeriod(period: Period): string {
  return `${period.year}Q${period.quarter}`;
}

/** First and last day of the quarter, as `YYYY-MM-DD` calendar dates. */
export function periodDates(period: Period): { start: string; end: string } {
  const firstMonth = (period.quarter - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = daysInMonth(period.year, lastMonth);

  return {
    start: formatDate(period.year, firstMonth, 1),
    end: formatDate(period.year, lastMonth, lastDay),
  };
}

export function nextPeriod(period: Period): Period {
  if (period.quarter === 4) return { year: period.year + 1, quarter: 1 };

  return { year: period.year, quarter: (period.quarter + 1) as Period['quarter'] };
}

/** The quarter a `YYYY-MM-DD…` calendar date falls in. */
export function periodOfDate(date: string): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));

  return { year, quarter: (Math.floor((month - 1) / 3) + 1) as Period['quarter'] };
}

/** Chinese name of a period as printed on the forms: 2020年度二季度 → year and quarter parts. */
export function periodLabel(period: Period): string {
  const names = ['一', '二', '三', '四'];

  return `${period.year}年${names[period.quarter - 1]}季度`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
