/**
 * The accountability list (责任追究, notice 三: 「对于未严格执行本通知的单位和工作人员……追究
 * 责任」): every unit and quarter of a region that is missing, was sent late or was returned,
 * with the follow-ups the bureau's reviewers record on it: a notice sent (发出通知), a talk held
 * (约谈), the result (处理结果). Each follow-up is an event in the bureau's own log; nothing
 * recorded is ever edited or removed, a correction is a further follow-up.
 */
import { randomUUID } from 'node:crypto';
import { beijingDate } from '../calendar/beijing-time.js';
import type { Actor } from '../ledger/event-log.js';
import { type Context, write } from '../platform/context.js';
import { fail } from '../platform/errors.js';
import type { Viewer } from '../records/record-access.js';
import { digestOf } from '../records/record-service.js';
import { complianceView, dueDates, regionReporters, sentVersions } from './compliance.js';
import { accountabilityReasons, complianceCell } from './compliance-status.js';
import { allUnits, requireRegionReviewer } from './region-access.js';

export const actionKinds = ['notice', 'talk', 'result'] as const;
export type ActionKind = (typeof actionKinds)[number];

export interface ActionInput {
  unit: string;
  period: string;
  kind: ActionKind;
  /** Beijing calendar date the action was taken, `YYYY-MM-DD`, not after today. */
  date: string;
  text: string;
}

export async function accountabilityList(
  ctx: Context,
  viewer: Viewer,
  region: string,
  from: string,
  to: string,
) {
  const view = await complianceView(ctx, viewer, region, from, to);
  const flagged = view.units.flatMap((row) =>
    row.cells
      .map((cell) => ({ row, cell, reasons: accountabilityReasons(cell) }))
      .filter((item) => item.reasons.length > 0),
  );
  const units = [...new Set(flagged.map((f) => f.row.unit))];
  const periods = view.periods.map((p) => p.period);
  const returns = await returnsOf(ctx, units, periods);
  const actions = await actionsOf(ctx, units, periods);

  const items = flagged.map(({ row, cell, reasons }) => ({
    unit: row.unit,
    name: row.name,
    ...cell,
    reasons,
    returnedVersions: returns.get(`${row.unit}/${cell.period}`) ?? [],
    actions: actions.get(`${row.unit}/${cell.period}`) ?? [],
  }));
  const count = (reason: string) => items.filter((i) => i.reasons.includes(reason as never)).length;

  return {
    region: view.region,
    from,
    to,
    today: view.today,
    counts: {
      items: items.length,
      missing: count('missing'),
      late: count('late'),
      returned: count('returned'),
      followedUp: items.filter((i) => i.actions.length > 0).length,
    },
    items,
  };
}

/** Records a follow-up by a reviewer of `region` on a flagged quarter of one of its units. */
export async function recordAction(
  ctx: Context,
  viewer: Viewer,
  region: string,
  input: ActionInput,
  actor: Actor,
) {
  requireRegionReviewer(viewer, region);
  const all = await allUnits(ctx);
  if (!regionReporters(all, region).some((u) => u.code === input.unit))
    fail('UNIT_NOT_FOUND', undefined, '该单位不是本地区的报送单位');
  const today = beijingDate(ctx.clock.now());
  if (input.date > today)
    fail('VALIDATION_FAILED', [{ field: 'date', message: '日期不能晚于今天' }]);

  const due = (await dueDates(ctx, [input.period])).get(input.period)!;
  const sent = await sentVersions(ctx, [input.unit], [input.period]);
  const cell = complianceCell(
    input.period,
    due,
    today,
    sent.get(`${input.unit}/${input.period}`) ?? [],
  );
  const reasons = accountabilityReasons(cell);
  if (reasons.length === 0) fail('COMPLIANCE_NOT_FLAGGED');

  const id = randomUUID();
  return write(
    ctx,
    async (change) => {
      const row = {
        id,
        bureau: region,
        ...input,
        recorded_by: viewer.user.username,
        recorded_at: change.now.toISOString(),
      };
      await change.trx.insertInto('accountability_actions').values(row).execute();
      const data = {
        actionId: id,
        bureau: region,
        unit: input.unit,
        period: input.period,
        kind: input.kind,
        date: input.date,
        // The text may name people; the log keeps its digest, the table the words.
        textDigest: digestOf(input.text),
        reasons,
      };
      await change.event(
        { type: 'accountability.action-recorded', actor, unit: region, data },
        region,
      );

      return actionView(row);
    },
    { lock: region },
  );
}

/** The follow-ups on the given units' quarters, by `unit/period`, oldest first. */
export async function actionsOf(ctx: Context, units: string[], periods: string[]) {
  const result = new Map<string, Array<ReturnType<typeof actionView>>>();
  if (units.length === 0) return result;

  const rows = await ctx.db
    .selectFrom('accountability_actions')
    .selectAll()
    .where('unit', 'in', units)
    .where('period', 'in', periods)
    .orderBy('date')
    .orderBy('recorded_at')
    .execute();
  for (const row of rows) {
    const key = `${row.unit}/${row.period}`;
    result.set(key, [...(result.get(key) ?? []), actionView(row)]);
  }

  return result;
}

async function returnsOf(ctx: Context, units: string[], periods: string[]) {
  const result = new Map<
    string,
    Array<{ version: number; at: string | null; reason: string | null }>
  >();
  if (units.length === 0) return result;

  const rows = await ctx.db
    .selectFrom('reports')
    .select(['unit', 'period', 'version', 'decided_at', 'return_reason'])
    .where('unit', 'in', units)
    .where('period', 'in', periods)
    .where('status', '=', 'returned')
    .orderBy('version')
    .execute();
  for (const row of rows) {
    const key = `${row.unit}/${row.period}`;
    const item = { version: row.version, at: row.decided_at, reason: row.return_reason };
    result.set(key, [...(result.get(key) ?? []), item]);
  }

  return result;
}

function actionView(row: {
  id: string;
  bureau: string;
  kind: string;
  date: string;
  text: string;
  recorded_by: string;
  recorded_at: string;
}) {
  return {
    id: row.id,
    bureau: row.bureau,
    kind: row.kind as ActionKind,
    date: row.date,
    text: row.text,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}
