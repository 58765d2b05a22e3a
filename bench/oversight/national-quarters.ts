/**
 * What became of one unit's quarter in the national data set: the report versions it sent and
 * what the bureau above decided, as the reporting flow would have left them. Most quarters are
 * sent on time and accepted; some are sent late, returned and corrected, supplemented after
 * acceptance, still awaiting a decision (many in the last quarter), compiled and never sent,
 * or missing altogether. Nothing happens on or after `today`.
 */
import { addDays, beijingDate, daysBetween } from '../../src/calendar/beijing-time.js';
import { beijing } from '../../src/demo/demo-records.js';
import type { SeededRandom } from '../../src/demo/seeded-random.js';
import type { SummaryOptions } from '../../src/reports/summary.js';
import { weighted } from './national-records.js';

export interface Quarter {
  period: string;
  index: number;
  start: string;
  /** Days in the quarter. */
  days: number;
  due: string;
  /** The summary options of the quarter's rule version, as quarterState uses them. */
  summary: SummaryOptions;
}

export interface PlannedVersion {
  version: number;
  kind: 'regular' | 'resubmission' | 'supplementary';
  status: 'draft' | 'submitted' | 'returned' | 'accepted';
  /** How many of the quarter's records, in ledger order, the version lists. */
  listed: number;
  compiledAt: Date;
  submittedAt: Date | null;
  daysLate: number | null;
  decidedAt: Date | null;
}

export interface QuarterPlan {
  versions: PlannedVersion[];
  /** A record was corrected after the return: the corrected version lists its version 2. */
  amendedAfter: Date | null;
}

type Fate =
  | 'missing'
  | 'unsent'
  | 'accepted'
  | 'pending'
  | 'returned'
  | 'corrected'
  | 'corrected-pending'
  | 'supplemented';

/** Per thousand quarters; the last quarter of the range has many more awaiting a decision. */
function fates(last: boolean): ReadonlyArray<readonly [Fate, number]> {
  return [
    ['missing', 20],
    ['unsent', 10],
    ['returned', 10],
    ['corrected', 40],
    ['corrected-pending', 5],
    ['supplemented', 20],
    ['pending', last ? 300 : 30],
    ['accepted', last ? 595 : 865],
  ];
}

/** Share of quarters whose first sending is late. */
const LATE = 0.09;

export function planQuarter(
  random: SeededRandom,
  quarter: { due: string; today: string; last: boolean; records: number },
): QuarterPlan {
  const fate = weighted(random, fates(quarter.last));
  const none: QuarterPlan = { versions: [], amendedAfter: null };
  if (fate === 'missing') return none;

  const { due, records } = quarter;
  // Nothing may happen on or after today: the clock of the instance stands there.
  const before = (date: string) => date < quarter.today;
  if (fate === 'unsent') {
    const compiledAt = beijing(addDays(due, -random.int(1, 5)), random.int(9, 17));
    return { versions: [draft(records, compiledAt)], amendedAfter: null };
  }

  const late = random.chance(LATE);
  const firstDay = late
    ? addDays(due, Math.ceil(45 * random.next() ** 2))
    : addDays(due, -random.int(0, 3));
  const timeline = new Timeline(random, due, before);
  const supplemented = fate === 'supplemented' && records > 0;
  const first = timeline.send(1, 'regular', supplemented ? records - 1 : records, firstDay);
  if (!first) return none;

  const versions = [first];
  const decided = timeline.decide(first, decisionOf(fate), random.int(1, 12));
  if (!decided) return { versions, amendedAfter: null };

  if (fate === 'corrected' || fate === 'corrected-pending') {
    const resent = timeline.send(2, 'resubmission', records, addDays(decided, random.int(3, 15)));
    if (!resent) return { versions, amendedAfter: null };

    versions.push(resent);
    if (fate === 'corrected') timeline.decide(resent, 'accepted', random.int(1, 10));
    return { versions, amendedAfter: beijing(decided, 18) };
  }

  if (supplemented) {
    const found = timeline.send(2, 'supplementary', records, addDays(decided, random.int(20, 200)));
    if (found) versions.push(found);
    if (found && random.chance(0.7)) timeline.decide(found, 'accepted', random.int(1, 10));
  }

  return { versions, amendedAfter: null };
}

function decisionOf(fate: Fate): 'accepted' | 'returned' | null {
  if (fate === 'pending') return null;
  if (fate === 'returned' || fate === 'corrected' || fate === 'corrected-pending')
    return 'returned';

  return 'accepted';
}

function draft(records: number, compiledAt: Date): PlannedVersion {
  return {
    version: 1,
    kind: 'regular',
    status: 'draft',
    listed: records,
    compiledAt,
    submittedAt: null,
    daysLate: null,
    decidedAt: null,
  };
}

/** Sends and decides versions on Beijing dates, refusing any date that is not before today. */
class Timeline {
  constructor(
    private readonly random: SeededRandom,
    private readonly due: string,
    private readonly before: (date: string) => boolean,
  ) {}

  /** A version sent on Beijing date `day`, or null when that is not before today. */
  send(
    version: number,
    kind: PlannedVersion['kind'],
    listed: number,
    day: string,
  ): PlannedVersion | null {
    if (!this.before(day)) return null;

    const submittedAt = beijing(day, this.random.int(9, 17), this.random.int(0, 59));

    return {
      version,
      kind,
      status: 'submitted',
      listed,
      compiledAt: new Date(submittedAt.getTime() - this.random.int(2, 20) * 3_600_000),
      submittedAt,
      daysLate: Math.max(0, daysBetween(this.due, beijingDate(submittedAt))),
      decidedAt: null,
    };
  }

  /** Decides `after` days after sending; returns the Beijing date, or null when not yet. */
  decide(version: PlannedVersion, decision: 'accepted' | 'returned' | null, after: number) {
    if (!decision) return null;

    const day = addDays(beijingDate(version.submittedAt!), after);
    if (!this.before(day)) return null;

    version.status = decision;
    version.decidedAt = beijing(day, this.random.int(9, 17), this.random.int(0, 59));
    return day;
  }
}
