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

  return witness !== undefined;
}

export function holdsRole(viewer: Viewer, role: string, unit: string): boolean {
  return viewer.holder.roles.some((g) => g.role === role && g.unit === unit);
}
