/**
 * What the log holds of a referral: its status and the SM3 digest of its state, never the
 * addressees or the feedback text themselves (a log entry shown to an auditor must not tell
 * whom a cadre was reported to). Table verification recomputes the digest from the row, so a
 * referral edited behind the application's back no longer matches its last event.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../ledger/canonical-json.js';
import type { ReferralRow } from '../platform/db/schema.js';

/** The columns that say what a referral is; times of day and counters are left out. */
export function referralState(row: ReferralRow) {
  return {
    bureau: row.bureau,
    number: row.number,
    letterDate: row.letter_date,
    addressees: JSON.parse(row.addressees) as string[],
    copyDiscipline: Number(row.copy_discipline) === 1,
    copyTo: JSON.parse(row.copy_to) as string[],
    recordIds: JSON.parse(row.record_ids) as string[],
    status: row.status,
    dueDate: row.due_date,
    feedback: row.feedback_result === null ? null : [row.feedback_result, row.feedback_date],
    closeNote: row.close_note,
  };
}

export function referralDigest(row: ReferralRow): string {
  return createHash('sm3')
    .update(canonicalJson(referralState(row)))
    .digest('hex');
}

/** The event data every referral step carries: enough to replay the row's status and digest. */
export function eventData(row: ReferralRow, extra: Record<string, unknown> = {}) {
  return {
    referralId: row.id,
    number: row.number,
    status: row.status,
    version: row.version,
    recordIds: JSON.parse(row.record_ids) as string[],
    digest: referralDigest(row),
    ...extra,
  };
}
