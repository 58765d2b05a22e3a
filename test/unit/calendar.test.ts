import { describe, expect, it } from 'vitest';
import { beijingDate, toBeijingIso } from '../../src/calendar/beijing-time.js';
import {
  type CalendarDay,
  daysLate,
  defaultDeadlineRules,
  dueDate,
  periodCalendar,
} from '../../src/calendar/due-date.js';
import { formatPeriod, parsePeriod, periodOfDate } from '../../src/calendar/period.js';

const p = (text: string) => parsePeriod(text)!;

describe('periods', () => {
  it.each(['2020Q1', '2020Q4', '1999Q2'])('parses and formats %s', (text) => {
    expect(formatPeriod(p(text))).toBe(text);
  });

  it.each(['2020Q0', '2020Q5', '2020q1', '20Q1', '2020-Q1', '', '2020Q1 '])(
    'rejects %j',
    (text) => {
      expect(parsePeriod(text)).toBeNull();
    },
  );

  it('puts a date in its quarter', () => {
    expect(formatPeriod(periodOfDate('2020-03-31'))).toBe('2020Q1');
    expect(formatPeriod(periodOfDate('2020-04-01'))).toBe('2020Q2');
    expect(formatPeriod(periodOfDate('2020-12-31T23'))).toBe('2020Q4');
  });

  it('gives start, end and due of each quarter', () => {
    expect(periodCalendar(p('2020Q4'), defaultDeadlineRules)).toEqual({
      period: '2020Q4',
      start: '2020-10-01',
      end: '2020-12-31',
      due: '2021-01-06',
    });
    expect(periodCalendar(p('2020Q1'), defaultDeadlineRules)).toMatchObject({
      end: '2020-03-31',
      due: '2020-04-06',
    });
    expect(periodCalendar(p('2024Q1'), defaultDeadlineRules).end).toBe('2024-03-31');
  });
});

describe('deadlines', () => {
  it('Q1 is due on 6 April, Q2 on 6 July, Q3 on 6 October, Q4 on 6 January', () => {
    expect(dueDate(p('2020Q1'), defaultDeadlineRules)).toBe('2020-04-06');
    expect(dueDate(p('2020Q2'), defaultDeadlineRules)).toBe('2020-07-06');
    expect(dueDate(p('2020Q3'), defaultDeadlineRules)).toBe('2020-10-06');
    expect(dueDate(p('2020Q4'), defaultDeadlineRules)).toBe('2021-01-06');
  });

  it('makes the day before the last on-time day when the 6th is excluded', () => {
    expect(dueDate(p('2020Q2'), { ...defaultDeadlineRules, inclusive: false })).toBe('2020-07-05');
  });

  it('uses another deadline day from the settings', () => {
    expect(dueDate(p('2020Q2'), { ...defaultDeadlineRules, day: 10 })).toBe('2020-07-10');
  });

  it('moves a deadline past the National Day holiday when the setting says so', () => {
    const nationalDay: CalendarDay[] = [1, 2, 3, 4, 5, 6, 7, 8].map((d) => ({
      date: `2020-10-0${d}`,
      name: '国庆节、中秋节',
      workday: false,
    }));
    const rules = { ...defaultDeadlineRules, movePastHolidays: true };

    expect(dueDate(p('2020Q3'), rules, nationalDay)).toBe('2020-10-09');
    expect(dueDate(p('2020Q3'), defaultDeadlineRules, nationalDay)).toBe('2020-10-06');
  });

  it('moves a deadline on a weekend to Monday, unless the weekend day is a 调休 working day', () => {
    const rules = { ...defaultDeadlineRules, movePastHolidays: true };
    // 6 July 2025 is a Sunday.
    expect(dueDate(p('2025Q2'), rules)).toBe('2025-07-07');
    expect(
      dueDate(p('2025Q2'), rules, [{ date: '2025-07-06', name: '调休上班', workday: true }]),
    ).toBe('2025-07-06');
  });

  it('counts days late on the Beijing calendar', () => {
    expect(daysLate('2021-01-06', '2021-01-06')).toBe(0);
    expect(daysLate('2021-01-07', '2021-01-06')).toBe(1);
    expect(daysLate('2021-01-01', '2021-01-06')).toBe(0);
  });

  it('reads 23:59 Beijing on the due day as on time and 00:00 the next day as one day late', () => {
    const justInTime = new Date('2021-01-06T15:59:00Z');
    const justLate = new Date('2021-01-06T16:00:00Z');

    expect(daysLate(beijingDate(justInTime), '2021-01-06')).toBe(0);
    expect(daysLate(beijingDate(justLate), '2021-01-06')).toBe(1);
  });
});

describe('Beijing time', () => {
  it('shows a UTC instant in Beijing time', () => {
    expect(toBeijingIso(new Date('2020-05-12T07:04:05Z'))).toBe('2020-05-12T15:04:05+08:00');
    expect(beijingDate(new Date('2020-05-12T16:30:00Z'))).toBe('2020-05-13');
  });
});
