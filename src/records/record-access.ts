/**
 * Who sees which record (issue: interference records, "Who sees what"): a recorder sees their
 * own; the filler, rule-of-law leader and principal of the unit see the unit's; a witness sees
 * the records naming them; a reviewer of the bureau above sees those of submitted quarters;
 * the three administrators see none. A record one may not see answers 404, like a missing one.
 */
import type { Holder } from '../auth/policy.js';
import type { Context } from '../platform/context.js';
import type { RecordRow, UserRow } from '../platform/db/schema.js';

/** The unit roles that read all of a unit's records. */
export const UNIT_READERS = ['filler', 'ruleOfLawLeader', 'principal'] as const;

export interface Viewer {
  user: UserRow;
  holder: Holder;
}

/**
 * The scope a viewer may list: their own records, their units', and those naming them as a
 * witness. Reviewers' access to submitted quarters is added by the reporting flow.
 */
export function readableUnits(viewer: Viewer): string[] {
  return viewer.holder.roles
    .filter((g) => (UNIT_READERS as readonly string[]).includes(g.role))
    .map((g) => g.unit);
}

export async function maySee(ctx: Context, viewer: Viewer, row: RecordRow): Promise<boolean> {
  if (viewer.holder.adminRole) return false;
  if (row.recorder_id === viewer.user.id) return true;
  if (readableUnits(viewer).includes(row.unit)) return true;

  const witness = await ctx.db
    .selectFrom('record_witnesses')
    .select('idx')
    .where('record_id', '=', row.id)
    .where('username', '=', viewer.user.username)
    .executeTakeFirst();
  if (witness) return true;

  return reviewerSeesSubmitted(ctx, viewer, row);
}

/** A reviewer above sees a record once a report listing it has been submitted. */
async function reviewerSeesSubmitted(
  ctx: Context,
  viewer: Viewer,
  row: RecordRow,
): Promise<boolean> {
  const reviews = viewer.holder.roles.filter((g) => g.role === 'reviewer').map((g) => g.unit);
  if (reviews.length === 0) return false;

  const unit = await ctx.db
    .selectFrom('units')
    .select('reports_to')
    .where('code', '=', row.unit)
    .executeTakeFirst();
  if (!unit?.reports_to || !reviews.includes(unit.reports_to)) return false;

  const sent = await ctx.db
    .selectFrom('report_records')
    .innerJoin('reports', 'reports.id', 'report_records.report_id')
    .select('reports.id')
    .where('report_records.record_id', '=', row.id)
    .where('reports.submitted_at', 'is not', null)
    .executeTakeFirst();

  return sent !== undefined;
}

export function holdsRole(viewer: Viewer, role: string, unit: string): boolean {
  return viewer.holder.roles.some((g) => g.role === role && g.unit === unit);
}
