/**
 * The reporting-rate arithmetic of the compliance view, as plain functions: the status of one
 * unit's quarter from the versions it sent, and the totals over any set of such cells, with
 * the completeness and timeliness rates DHIS2 users know (reported ÷ expected, on time ÷
 * expected). No I/O, so the web app and the tests can use it as it is.
 */
import { daysBetween } from '../calendar/beijing-time.js';

/**
 * `not-due`: the deadline has not passed and nothing was sent; `missing`: the deadline passed
 * and nothing was sent; otherwise the state of the latest version sent: `submitted` (awaiting
 * a decision), `returned` (to be corrected and sent again) or `accepted`.
 */
export type ComplianceStatus = 'not-due' | 'missing' | 'submitted' | 'returned' | 'accepted';

/** A version the bureau above received, as the compliance view needs it. */
export interface SentVersion {
  version: number;
  status: string;
  submitted_at: string | null;
  days_late: number | null;
}

export interface ComplianceCell {
  period: string;
  due: string;
  status: ComplianceStatus;
  /** Sent after the deadline, judged on the first version sent; or still missing. */
  late: boolean;
  /** Days the first sending was late, or for a missing quarter the days overdue so far. */
  daysLate: number;
  firstSubmittedAt: string | null;
  /** The latest version sent, null when none was. */
  version: number | null;
  /** How many sent versions the bureau above returned. */
  returns: number;
}

export interface ComplianceTotals {
  /** Quarters whose deadline has passed, or that were sent before it. */
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  /** Sent and awaiting a decision. */
  pending: number;
  returned: number;
  accepted: number;
  /** submitted ÷ expected; null when nothing was expected yet. */
  completeness: number | null;
  /** on time ÷ expected; null when nothing was expected yet. */
  timeliness: number | null;
}

const DECIDED = ['submitted', 'returned', 'accepted'] as const;

/**
 * The cell of one unit's quarter. `sent` lists the versions with a submission time, in version
 * order; `today` is the Beijing date. Lateness is that of the first sending: a correction sent
 * after a return does not make an on-time quarter late, nor a late one on time.
 */
export function complianceCell(
  period: string,
  due: string,
  today: string,
  sent: readonly SentVersion[],
): ComplianceCell {
  const first = sent[0];
  const latest = sent.at(-1);
  if (!first || !latest) {
    const overdue = daysBetween(due, today);
    const status = overdue > 0 ? 'missing' : 'not-due';
    const base = { period, due, firstSubmittedAt: null, version: null, returns: 0 };

    return { ...base, status, late: overdue > 0, daysLate: Math.max(0, overdue) };
  }

  const daysLate = first.days_late ?? 0;
  const status = (DECIDED as readonly string[]).includes(latest.status)
    ? (latest.status as ComplianceStatus)
    : 'submitted';

  return {
    period,
    due,
    status,
    late: daysLate > 0,
    daysLate,
    firstSubmittedAt: first.submitted_at,
    version: latest.version,
    returns: sent.filter((v) => v.status === 'returned').length,
  };
}

export function complianceTotals(cells: Iterable<ComplianceCell>): ComplianceTotals {
  const t = { expected: 0, submitted: 0, onTime: 0, late: 0, missing: 0 };
  const states = { pending: 0, returned: 0, accepted: 0 };
  for (const cell of cells) {
    if (cell.status === 'not-due') continue;

    t.expected += 1;
    if (cell.status === 'missing') {
      t.missing += 1;
      continue;
    }

    t.submitted += 1;
    if (cell.late) t.late += 1;
    else t.onTime += 1;
    if (cell.status === 'submitted') states.pending += 1;
    else states[cell.status] += 1;
  }

  return {
    ...t,
    ...states,
    completeness: t.expected ? t.submitted / t.expected : null,
    timeliness: t.expected ? t.onTime / t.expected : null,
  };
}

/** Why a cell belongs on the accountability list (责任追究), empty when it does not. */
export function accountabilityReasons(
  cell: ComplianceCell,
): Array<'missing' | 'late' | 'returned'> {
  const reasons: Array<'missing' | 'late' | 'returned'> = [];
  if (cell.status === 'missing') reasons.push('missing');
  else if (cell.late) reasons.push('late');
  if (cell.returns > 0) reasons.push('returned');

  return reasons;
}
