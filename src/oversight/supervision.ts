/**
 * Supervision checks (监督检查, notice 三: 「各县（区）统计局要加强对本地县（区）统计机构填报
 * 《记录台账》的监督检查工作」): a county or city bureau records each check it makes on a
 * statistical body below it (a township statistics station, a department's statistics office):
 * when, which body, what it found, what must be put right (整改要求) by when, and how that went.
 * A check moves open → rectified → closed (a rectification found wanting goes back to open);
 * every step is an event in the bureau's log, and a closed check stays as it was closed.
 */
import { randomUUID } from 'node:crypto';
import { beijingDate } from '../calendar/beijing-time.js';
import type { Actor } from '../ledger/event-log.js';
import { type Context, write } from '../platform/context.js';
import type { SupervisionCheckTable } from '../platform/db/schema.js';
import { fail } from '../platform/errors.js';
import type { Viewer } from '../records/record-access.js';
import { digestOf } from '../records/record-service.js';
import { allUnits, type RegionUnit, requireRegionReader } from './region-access.js';

export const checkStatuses = ['open', 'rectified', 'closed'] as const;
export type CheckStatus = (typeof checkStatuses)[number];

/** The bureau's own roles that keep its supervision checks (policy: supervision.write). */
const KEEPERS = ['reviewer', 'filler', 'ruleOfLawLeader', 'principal'];

/** Where a check may go from each status; a closed check is final. */
const NEXT: Record<CheckStatus, readonly CheckStatus[]> = {
  open: ['open', 'rectified', 'closed'],
  rectified: ['rectified', 'open', 'closed'],
  closed: [],
};

export interface CheckInput {
  checkedOn: string;
  /** The body checked, as free text; may be left out when `bodyUnit` names it. */
  body?: string | undefined;
  bodyUnit?: string | undefined;
  findings: string;
  requirements?: string | undefined;
  rectifyBy?: string | undefined;
}

export interface UpdateInput {
  status: CheckStatus;
  date: string;
  note: string;
}

export async function listChecks(
  ctx: Context,
  viewer: Viewer,
  unit: string,
  filter: { status?: CheckStatus | undefined; overdue?: boolean | undefined },
) {
  await requireReader(ctx, viewer, unit);
  const today = beijingDate(ctx.clock.now());
  let query = ctx.db.selectFrom('supervision_checks').selectAll().where('unit', '=', unit);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.overdue) query = query.where('status', '=', 'open').where('rectify_by', '<', today);
  const rows = await query.orderBy('checked_on', 'desc').orderBy('created_at', 'desc').execute();
  const updates = await updatesOf(
    ctx,
    rows.map((r) => r.id),
  );

  return {
    unit,
    today,
    checks: rows.map((row) => checkView(row, today, updates.get(row.id) ?? [])),
  };
}

export async function getCheck(ctx: Context, viewer: Viewer, unit: string, id: string) {
  await requireReader(ctx, viewer, unit);
  const row = await findCheck(ctx, unit, id);
  const updates = await updatesOf(ctx, [id]);

  return checkView(row, beijingDate(ctx.clock.now()), updates.get(id) ?? []);
}

export async function recordCheck(
  ctx: Context,
  viewer: Viewer,
  unit: string,
  input: CheckInput,
  actor: Actor,
) {
  requireKeeper(viewer, unit);
  const today = beijingDate(ctx.clock.now());
  if (input.checkedOn > today) invalid('checkedOn', '检查日期不能晚于今天');
  if (input.requirements && !input.rectifyBy) invalid('rectifyBy', '提出整改要求时须填写整改期限');
  if (input.rectifyBy && input.rectifyBy < input.checkedOn)
    invalid('rectifyBy', '整改期限不能早于检查日期');
  const all = await allUnits(ctx);
  if (input.bodyUnit && !below(all, input.bodyUnit, unit)) fail('SUPERVISION_BODY_INVALID');
  const body = input.body ?? all.find((u) => u.code === input.bodyUnit)?.name;
  if (!body) invalid('body', '请填写被检查单位，或选择下属单位');

  const id = randomUUID();
  await write(
    ctx,
    async (change) => {
      const at = change.now.toISOString();
      const row = {
        id,
        unit,
        checked_on: input.checkedOn,
        body,
        body_unit: input.bodyUnit ?? null,
        findings: input.findings,
        requirements: input.requirements ?? null,
        rectify_by: input.rectifyBy ?? null,
        // Nothing to put right leaves nothing open: the check is done when recorded.
        status: input.requirements ? 'open' : 'closed',
        created_by: viewer.user.username,
        created_at: at,
        updated_at: at,
      };
      await change.trx.insertInto('supervision_checks').values(row).execute();
      const data = { checkId: id, ...checkDigest(row) };
      await change.event({ type: 'supervision.check-recorded', actor, unit, data }, unit);
    },
    { lock: unit },
  );

  return getCheck(ctx, viewer, unit, id);
}

export async function updateCheck(
  ctx: Context,
  viewer: Viewer,
  unit: string,
  id: string,
  input: UpdateInput,
  actor: Actor,
) {
  requireKeeper(viewer, unit);
  if (input.date > beijingDate(ctx.clock.now())) invalid('date', '日期不能晚于今天');

  await write(
    ctx,
    async (change) => {
      // Read under the unit's log lock, so two updates at once cannot both pass the check.
      const row = await findCheck({ db: change.trx }, unit, id);
      const from = row.status as CheckStatus;
      if (!NEXT[from].includes(input.status)) fail('SUPERVISION_STATUS');

      const last = await change.trx
        .selectFrom('supervision_updates')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('check_id', '=', id)
        .executeTakeFirst();
      const seq = Number(last?.seq ?? 0) + 1;
      const at = change.now.toISOString();
      await change.trx
        .insertInto('supervision_updates')
        .values({ check_id: id, seq, ...input, recorded_by: viewer.user.username, recorded_at: at })
        .execute();
      await change.trx
        .updateTable('supervision_checks')
        .set({ status: input.status, updated_at: at })
        .where('id', '=', id)
        .execute();
      const data = {
        checkId: id,
        unit,
        seq,
        from,
        status: input.status,
        date: input.date,
        noteDigest: digestOf(input.note),
      };
      await change.event({ type: 'supervision.check-updated', actor, unit, data }, unit);
    },
    { lock: unit },
  );

  return getCheck(ctx, viewer, unit, id);
}

/** What the log keeps of a check: its facts, and its texts by SM3 digest (they may name people). */
export function checkDigest(
  row: Omit<SupervisionCheckTable, 'id' | 'created_by' | 'created_at' | 'updated_at'>,
) {
  return {
    unit: row.unit,
    checkedOn: row.checked_on,
    bodyUnit: row.body_unit,
    bodyDigest: digestOf(row.body),
    findingsDigest: digestOf(row.findings),
    requirementsDigest: row.requirements === null ? null : digestOf(row.requirements),
    rectifyBy: row.rectify_by,
    status: row.status,
  };
}

/** The bureau's keepers, or a reviewer of the bureau or of one above it; 404 for anyone else. */
async function requireReader(ctx: Context, viewer: Viewer, unit: string) {
  if (keeps(viewer, unit)) return;

  requireRegionReader(viewer, await allUnits(ctx), unit);
}

function requireKeeper(viewer: Viewer, unit: string) {
  if (!keeps(viewer, unit))
    fail('SUPERVISION_NOT_FOUND', undefined, '没有找到该单位，或您在该单位没有相应角色');
}

function keeps(viewer: Viewer, unit: string): boolean {
  return viewer.holder.roles.some((g) => g.unit === unit && KEEPERS.includes(g.role));
}

/** True when `code` lies below `bureau` in the organisation (by parent or by reports_to). */
function below(all: readonly RegionUnit[], code: string, bureau: string) {
  const byCode = new Map(all.map((u) => [u.code, u]));
  const seen = new Set<string>();
  let next = [code];
  while (next.length > 0) {
    const ups = next.flatMap((c) => {
      const u = byCode.get(c);
      return u ? [u.parent, u.reports_to] : [];
    });
    if (ups.includes(bureau)) return true;

    for (const c of next) seen.add(c);
    next = ups.filter((c): c is string => c !== null && !seen.has(c));
  }

  return false;
}

async function findCheck(ctx: Pick<Context, 'db'>, unit: string, id: string) {
  const row = await ctx.db
    .selectFrom('supervision_checks')
    .selectAll()
    .where('id', '=', id)
    .where('unit', '=', unit)
    .executeTakeFirst();

  return row ?? fail('SUPERVISION_NOT_FOUND');
}

async function updatesOf(ctx: Context, ids: string[]) {
  const result = new Map<string, Array<Record<string, unknown>>>();
  if (ids.length === 0) return result;

  const rows = await ctx.db
    .selectFrom('supervision_updates')
    .selectAll()
    .where('check_id', 'in', ids)
    .orderBy('seq')
    .execute();
  for (const r of rows) {
    const update = {
      seq: r.seq,
      status: r.status,
      date: r.date,
      note: r.note,
      recordedBy: r.recorded_by,
      recordedAt: r.recorded_at,
    };
    result.set(r.check_id, [...(result.get(r.check_id) ?? []), update]);
  }

  return result;
}

function checkView(row: SupervisionCheckTable, today: string, updates: unknown[]) {
  return {
    id: row.id,
    unit: row.unit,
    checkedOn: row.checked_on,
    body: row.body,
    bodyUnit: row.body_unit,
    findings: row.findings,
    requirements: row.requirements,
    rectifyBy: row.rectify_by,
    status: row.status as CheckStatus,
    overdue: row.status === 'open' && row.rectify_by !== null && row.rectify_by < today,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updates,
  };
}

function invalid(field: string, message: string): never {
  return fail('VALIDATION_FAILED', [{ field, message }]);
}
