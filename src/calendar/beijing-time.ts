/**
 * Beijing time (Asia/Shanghai). Business times and deadlines are Beijing local time;
 * system instants are UTC (DESIGN.md, Times). China has kept UTC+8 without daylight
 * saving since 1991, so a fixed offset is exact for every date this system handles.
 */

const OFFSET_MS = 8 * 60 * 60 * 1000;

/** `2020-05-12T15:04:05+08:00` for a UTC instant. */
export function toBeijingIso(instant: Date): string {
  const shifted = new Date(instant.getTime() + OFFSET_MS);

  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

/** The Beijing calendar date `YYYY-MM-DD` of a UTC instant. */
export function beijingDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The UTC instant at which a Beijing calendar date begins (00:00 Beijing). */
export function beijingDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS);
}

/** Whole calendar days from date `a` to date `b` (both `YYYY-MM-DD`); negative when b < a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
