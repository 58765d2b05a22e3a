/**
 * The whole demo as data, before anything is written: the people, eight quarters for every
 * county with their records, and which quarters are zero reports, late, missing, returned or
 * supplemented. A pure function of the seed and "now", so a seed names one demo.
 */
import { addDays, beijingDate } from '../calendar/beijing-time.js';
import { formatPeriod, type Period, periodDates, periodOfDate } from '../calendar/period.js';
import { interferer, planInterferers } from './demo-interferers.js';
import { type CountyStaff, type DemoPeople, NameBook, planPeople } from './demo-people.js';
import { beijing, type PlannedRecord, planRecord, recordDecks } from './demo-records.js';
import { planReferrals, type ReferralPlan } from './demo-referrals.js';
import { SeededRandom } from './seeded-random.js';
import { cityPosts, supplementaryReasons } from './word-lists.js';

export const QUARTERS = 8;

export type Submission = 'on-time' | 'late' | 'missing';

export interface QuarterPlan {
  county: CountyStaff;
  period: string;
  records: PlannedRecord[];
  submission: Submission;
  /** The reviewer returns the first version; a corrected one follows. */
  returned: boolean;
  /** Still waiting for the reviewer's decision at "now". */
  pending: boolean;
  /** A record found after acceptance, sent as a supplementary version (补报). */
  supplement: PlannedRecord | null;
  /** The filler attaches the scan of the signed and sealed paper. */
  scan: boolean;
}

export interface DemoPlan {
  seed: number;
  now: Date;
  setupAt: Date;
  periods: string[];
  people: DemoPeople;
  quarters: QuarterPlan[];
  referrals: ReferralPlan[];
}

export function planDemo(seed: number, now: Date): DemoPlan {
  const root = new SeededRandom(seed);
  const { people, names } = planAccounts(seed);
  const periods = lastQuarters(now, QUARTERS);
  const fates = planFates(root.fork('fates'), people.counties.length);

  const random = root.fork('records');
  const decks = recordDecks(random);
  const shared = cityPosts.map((post) =>
    interferer(random, names.next(), post, 'county', '410200'),
  );
  const quarters = people.counties.flatMap((county, c) => {
    const interferers = planInterferers(random, names, county, shared);
    return periods.map((period, q) => {
      const fate = fates[c]![q]!;
      const request = { county, interferers, names };
      const records = occurrences(random, period, fate.records).map(([date, hour]) =>
        planRecord(random, decks, { ...request, date, hour }),
      );
      const supplement = fate.supplement ? planSupplement(random, decks, request, period) : null;

      return { ...fate, county, period: formatPeriod(period), records, supplement };
    });
  });

  const labels = periods.map(formatPeriod);
  const referrals = planReferrals(root.fork('referrals'), quarters, labels);

  return { seed, now, setupAt: setupTime(now), periods: labels, people, quarters, referrals };
}

/** When the city bureau sets the system up: three weeks before the first quarter, 09:00. */
export function setupTime(now: Date): Date {
  const first = periodDates(lastQuarters(now, QUARTERS)[0]!).start;

  return beijing(addDays(first, -21), 9);
}

/**
 * The demo's accounts for `seed`. They do not depend on "now", so a demo folder served again
 * later prints the same table; the name book goes on to name the interferers.
 */
export function planAccounts(seed: number): { people: DemoPeople; names: NameBook } {
  const root = new SeededRandom(seed);
  const names = new NameBook(root.fork('names'));

  return { people: planPeople(root.fork('people'), names), names };
}

/** The `count` quarters that end with the last complete one before `now`. */
export function lastQuarters(now: Date, count: number): Period[] {
  let period = periodOfDate(beijingDate(now));
  const periods: Period[] = [];
  for (let i = 0; i < count; i += 1) {
    period =
      period.quarter === 1
        ? { year: period.year - 1, quarter: 4 }
        : { year: period.year, quarter: (period.quarter - 1) as Period['quarter'] };
    periods.unshift(period);
  }

  return periods;
}

interface Fate {
  records: number;
  submission: Submission;
  returned: boolean;
  pending: boolean;
  supplement: boolean;
  scan: boolean;
}

/**
 * Which county-quarter gets which story. The special cases sit before the last quarter, so
 * they have played out by "now" whatever day the demo starts; two counties' last quarter is
 * still with the reviewer.
 */
function planFates(random: SeededRandom, counties: number): Fate[][] {
  const fates = Array.from({ length: counties }, () =>
    Array.from(
      { length: QUARTERS },
      (): Fate => ({
        records: random.chance(0.2) ? 0 : random.int(1, 3),
        submission: 'on-time',
        returned: false,
        pending: false,
        supplement: false,
        scan: random.chance(0.6),
      }),
    ),
  );
  const cells = random.shuffle(
    fates.flatMap((row, c) => row.slice(0, QUARTERS - 1).map((_, q) => [c, q] as const)),
  );
  const take = () => {
    const [c, q] = cells.pop()!;
    return fates[c]![q]!;
  };

  take().submission = 'missing';
  for (let i = 0; i < 2; i += 1) take().submission = 'late';
  for (let i = 0; i < 2; i += 1) Object.assign(take(), { returned: true, records: 2 });
  for (let i = 0; i < 2; i += 1) take().supplement = true;
  for (let i = 0; i < 2; i += 1) take().records = 0;
  for (const c of random.shuffle([...fates.keys()]).slice(0, 2))
    fates[c]![QUARTERS - 1]!.pending = true;

  return fates;
}

/**
 * Beijing dates and hours of `count` interferences in the quarter, in time order; none in its
 * last six days, so every record is written and confirmed before the filler compiles (a Q3
 * report goes out before the National Day week).
 */
function occurrences(random: SeededRandom, period: Period, count: number): Array<[string, number]> {
  const { start, end } = periodDates(period);
  const days = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000) - 6;
  const picked = Array.from({ length: count }, () => [random.int(0, days), random.int(8, 19)]);
  picked.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);

  return picked.map(([day, hour]) => [addDays(start, day!), hour!]);
}

/** A record of the quarter written down some six weeks after it ended, once it could be. */
function planSupplement(
  random: SeededRandom,
  decks: ReturnType<typeof recordDecks>,
  request: Omit<Parameters<typeof planRecord>[2], 'date' | 'hour'>,
  period: Period,
): PlannedRecord {
  const [[date, hour]] = occurrences(random, period, 1) as [[string, number]];
  const recordedOn = addDays(periodDates(period).end, random.int(35, 50));
  const reason = random.pick(supplementaryReasons);

  return planRecord(random, decks, {
    ...request,
    date,
    hour,
    supplementary: { recordedOn, reason },
  });
}
