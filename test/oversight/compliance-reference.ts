/**
 * A slow, independent reference for the compliance view: it walks the calendar one day at a
 * time from the start of a quarter to today, applying what happened to the quarter's report
 * on each day, and counts the result. It shares no code with src/oversight: its due date is
 * the notice's rule written out (the 6th of the quarter's next month, inclusive), its dates are
 * plain Date arithmetic.
 */

export interface Happening {
  unit: string;
  period: string;
  kind: 'submit' | 'return' | 'accept';
  /** Beijing date, `YYYY-MM-DD`. */
  on: string;
}

export interface ReferenceCell {
  status: 'not-due' | 'missing' | 'submitted' | 'returned' | 'accepted';
  late: boolean;
}

/** 汴统〔2020〕26号 二: 「于每个季度第 1 个月 6 日前」, the 6th itself counting as on time. */
export function referenceDue(period: string): string {
  const year = Number(period.slice(0, 4));
  const quarter = Number(period.slice(5));
  if (quarter === 4) return `${year + 1}-01-06`;

  return `${year}-${String(quarter * 3 + 1).padStart(2, '0')}-06`;
}

export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);

  return d.toISOString().slice(0, 10);
}

export function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);

  return d.toISOString().slice(0, 10);
}

export function referenceCell(
  unit: string,
  period: string,
  happenings: readonly Happening[],
  today: string,
): ReferenceCell {
  const mine = happenings.filter((h) => h.unit === unit && h.period === period);
  const due = referenceDue(period);
  const start = `${period.slice(0, 4)}-${String(Number(period.slice(5)) * 3 - 2).padStart(2, '0')}-01`;
  let status: ReferenceCell['status'] = 'not-due';
  let sent = false;
  let late = false;
  for (let day = start; day <= today; day = nextDay(day)) {
    for (const h of mine.filter((x) => x.on === day)) {
      if (h.kind === 'submit') {
        if (!sent) late = day > due;
        sent = true;
        status = 'submitted';
      } else {
        status = h.kind === 'return' ? 'returned' : 'accepted';
      }
    }
    if (!sent && day > due) {
      status = 'missing';
      late = true;
    }
  }

  return { status, late };
}

export function referenceTotals(cells: readonly ReferenceCell[]) {
  const expected = cells.filter((c) => c.status !== 'not-due');
  const sent = expected.filter((c) => c.status !== 'missing');
  const count = (status: ReferenceCell['status']) =>
    cells.filter((c) => c.status === status).length;

  return {
    expected: expected.length,
    submitted: sent.length,
    onTime: sent.filter((c) => !c.late).length,
    late: sent.filter((c) => c.late).length,
    missing: count('missing'),
    pending: count('submitted'),
    returned: count('returned'),
    accepted: count('accepted'),
    completeness: expected.length ? sent.length / expected.length : null,
    timeliness: expected.length ? sent.filter((c) => !c.late).length / expected.length : null,
  };
}
