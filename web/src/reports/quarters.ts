/**
 * Quarters as the API names them (`2020Q2`) and as the forms print them (2020年二季度). A
 * quarter is Q1 Jan–Mar … Q4 Oct–Dec in Beijing time (domain README §6).
 */

const QUARTER = /^(\d{4})Q([1-4])$/;
const numerals = ['一', '二', '三', '四'];

export interface Quarter {
  year: number;
  quarter: number;
}

export function parseQuarter(label: string): Quarter | undefined {
  const match = QUARTER.exec(label);

  return match ? { year: Number(match[1]), quarter: Number(match[2]) } : undefined;
}

export function quarterLabel({ year, quarter }: Quarter): string {
  return `${year}Q${quarter}`;
}

/** `2020Q2` → `2020年二季度`; anything else is shown as it is. */
export function quarterText(label: string): string {
  const q = parseQuarter(label);

  return q ? `${q.year}年${numerals[q.quarter - 1]}季度` : label;
}

/** The quarter before `label`. */
export function previousQuarter(label: string): string {
  const q = parseQuarter(label);
  if (!q) return label;

  return q.quarter === 1
    ? quarterLabel({ year: q.year - 1, quarter: 4 })
    : quarterLabel({ year: q.year, quarter: q.quarter - 1 });
}

/** The quarter that holds `now`, in Beijing time whatever the device's zone. */
export function currentQuarter(now: Date = new Date()): string {
  const beijing = new Date(now.getTime() + 8 * 3600_000);
  const quarter = Math.floor(beijing.getUTCMonth() / 3) + 1;

  return quarterLabel({ year: beijing.getUTCFullYear(), quarter });
}

/** The last quarter that has ended: the one a unit is reporting on now. */
export function lastFinishedQuarter(now: Date = new Date()): string {
  return previousQuarter(currentQuarter(now));
}

/** Options for a quarter picker: the last `years` years, newest first. */
export function quarterOptions(latest: string, count = 12): { value: string; label: string }[] {
  const options = [];
  let label = latest;
  for (let i = 0; i < count; i++) {
    options.push({ value: label, label: quarterText(label) });
    label = previousQuarter(label);
  }

  return options;
}

/** `YYYY-MM-DD` → `2020年7月6日`. */
export function dateText(date: string | null | undefined): string {
  const match = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (!match) return date ?? '—';

  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}
