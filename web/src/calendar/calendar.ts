/** The reporting calendar of a period (`2026Q1`): its dates and the submission deadline. */
import { api } from '../api/client';

export interface PeriodCalendar {
  period: string;
  /** First and last Beijing calendar day of the period. */
  start: string;
  end: string;
  /** The last day on which a submission is on time. */
  due: string;
}

export const calendarApi = {
  period: (period: string) => api.get<PeriodCalendar>(`/calendar/${encodeURIComponent(period)}`),
};

export function quartersOf(year: number): string[] {
  return [1, 2, 3, 4].map((quarter) => `${year}Q${quarter}`);
}
