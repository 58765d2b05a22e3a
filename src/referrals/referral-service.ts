/**
 * Making and changing referrals (移送). A reviewer of a bureau refers records of the units that
 * report to it; every step is an event in the bureau's log carrying the referral's status, the
 * ids of its records and the digest of its state (referral-state.ts). Lifecycle: draft (the
 * reviewer edits number, date, addressees and records) → sent (a feedback due date is set) →
 * feedback received → closed. A draft that will not be sent is closed too: nothing is deleted.
 */
import { randomUUID } from 'node:crypto';
import { beijingDate } from '../calendar/beijing-time.js';
import type { Actor } from '../ledger/event-log.js';
import { type Change, type Context, write } from '../platform/context.js';
import type { RecordRow, ReferralRow } from '../platform/db/schema.js';
import { AppError, fail } from '../platform/errors.js';
import { holdsRole, maySee, type Viewer } from '../records/record-access.js';
import { addresseesFor } from './cadre-authority.js';
import { suggestLetterNumber } from './letter-numbers.js';
import type { CreateReferralInput, UpdateReferralInput } from './referral-schema.js';
import { eventData } from './referral-state.js';

export function actorOf(viewer: Viewer, ip: string): Actor {
  return { username: viewer.user.username, ip };
}

/** The bureaus for which the viewer reviews, and so may refer. */
export function reviewedBureaus(viewer: Viewer): string[] {
  return viewer.holder.roles.filter((g) => g.role === 'reviewer').map((g) => g.unit);
}

function bureauOf(viewer: Viewer, requested: string | undefined): string {
  const bureaus = reviewedBureaus(viewer);
  if (requested) {
    if (!holdsRole(viewer, 'reviewer', requested))
      fail('FORBIDDEN', undefined, '您在该单位没有上级审核角色，不能以该单位的名义移送');
    return requested;
  }
  if (bureaus.length !== 1) fail('REFERRAL_BUREAU_REQUIRED');

  return bureaus[0]!;
}

/**
 * The records to refer, in the order given. Each must be one the viewer may read and made
 * by a unit that reports to `bureau`; any other answers 404, like a missing one, so a
 * reviewer learns nothing of records outside their bureau.
 */
export async function recordsToRefer(
  ctx: Context,
  viewer: Viewer,
  bureau: string,
  ids: readonly string[],
): Promise<RecordRow[]> {
  const rows = await ctx.db.selectFrom('records').selectAll().where('id', 'in', ids).execute();
  const units = await ctx.db
    .selectFrom('units')
    .select('code')
    .where('reports_to', '=', bureau)
    .execute();
  const below = new Set(units.map((u) => u.code));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const found: RecordRow[] = [];

  for (const [i, id] of ids.entries()) {
    const row = byId.get(id);
    if (!row || !below.has(row.unit) || !(await maySee(ctx, viewer, row)))
      throw new AppError('RECORD_NOT_FOUND', [
        { field: `recordIds.${i}`, message: '记录不存在，或不是向本单位报送的记录' },
      ]);
    if (row.status === 'voided')
      throw new AppError('REFERRAL_RECORD_VOIDED', [
        { field: `recordIds.${i}`, message: '该记录已作废' },
      ]);
    found.push(row);
  }

  return found;
}

/** A referral the viewer reviews for; any other answers 404. */
export async function loadReferral(ctx: Context, viewer: Viewer, id: string): Promise<ReferralRow> {
  const row = await ctx.db
    .selectFrom('referrals')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !holdsRole(viewer, 'reviewer', row.bureau)) fail('REFERRAL_NOT_FOUND');

  return row;
}

export async function createReferral(
  ctx: Context,
  viewer: Viewer,
  input: CreateReferralInput,
  ip: string,
): Promise<string> {
  const bureau = bureauOf(viewer, input.bureau);
  const records = await recordsToRefer(ctx, viewer, bureau, input.recordIds);
  const date = input.date ?? beijingDate(ctx.clock.now());
  const computed = await addresseesFor(ctx, records);
  const number = input.number ?? (await suggestLetterNumber(ctx, bureau, Number(date.slice(0, 4))));

  return write(
    ctx,
    async (change) => {
      await requireFreeNumber(change, bureau, number, null);
      const now = change.now.toISOString();
      const row: ReferralRow = {
        id: randomUUID(),
        bureau,
        number,
        letter_date: date,
        addressees: JSON.stringify(input.addressees ?? computed.addressees),
        copy_discipline: input.copyToDiscipline ? 1 : 0,
        copy_to: JSON.stringify(input.copyTo ?? computed.copyTo),
        record_ids: JSON.stringify(input.recordIds),
        status: 'draft',
        due_date: null,
        feedback_result: null,
        feedback_date: null,
        close_note: null,
        version: 1,
        created_at: now,
        created_by: viewer.user.username,
        updated_at: now,
        sent_at: null,
        feedback_at: null,
        closed_at: null,
      };
      await change.trx.insertInto('referrals').values(row).execute();
      await logStep(change, row, 'referral.created', actorOf(viewer, ip));

      return row.id;
    },
    { lock: bureau },
  );
}

/** Changes a draft; new records recompute the addressees unless the reviewer gives them. */
export async function updateReferral(
  ctx: Context,
  viewer: Viewer,
  id: string,
  input: UpdateReferralInput,
  ip: string,
): Promise<void> {
  const row = await loadReferral(ctx, viewer, id);
  if (row.status !== 'draft')
    fail('REFERRAL_STATE', undefined, '移送函已发出，不能再修改；如有错误请办结后重新移送');
  const patch: Partial<ReferralRow> = {};

  if (input.recordIds) {
    const records = await recordsToRefer(ctx, viewer, row.bureau, input.recordIds);
    const computed = await addresseesFor(ctx, records);
    patch.record_ids = JSON.stringify(input.recordIds);
    patch.addressees = JSON.stringify(computed.addressees);
    patch.copy_to = JSON.stringify(computed.copyTo);
  }
  if (input.number) patch.number = input.number;
  if (input.date) patch.letter_date = input.date;
  if (input.addressees) patch.addressees = JSON.stringify(input.addressees);
  if (input.copyTo) patch.copy_to = JSON.stringify(input.copyTo);
  if (input.copyToDiscipline !== undefined) patch.copy_discipline = input.copyToDiscipline ? 1 : 0;

  await changeReferral(ctx, viewer, row, patch, 'referral.updated', ip);
}

/**
 * Writes `patch` over `row` as one step: the row gets a new version and the bureau's log the
 * event `type`. Precondition: the caller checked that the step is allowed from row.status.
 */
export async function changeReferral(
  ctx: Context,
  viewer: Viewer,
  row: ReferralRow,
  patch: Partial<ReferralRow>,
  type: string,
  ip: string,
  extra: Record<string, unknown> = {},
): Promise<ReferralRow> {
  return write(
    ctx,
    async (change) => {
      const current = await change.trx
        .selectFrom('referrals')
        .selectAll()
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      // Two reviewers acting at once: the second sees a state it did not decide on.
      if (current.version !== row.version)
        fail('REFERRAL_STATE', undefined, '移送函刚被他人修改，请刷新后再试');
      if (patch.number) await requireFreeNumber(change, row.bureau, patch.number, row.id);

      const next: ReferralRow = {
        ...current,
        ...patch,
        version: current.version + 1,
        updated_at: change.now.toISOString(),
      };
      const { id, ...values } = next;
      await change.trx.updateTable('referrals').set(values).where('id', '=', id).execute();
      await logStep(change, next, type, actorOf(viewer, ip), extra);

      return next;
    },
    { lock: row.bureau },
  );
}

export function logStep(
  change: Change,
  row: ReferralRow,
  type: string,
  actor: Actor,
  extra: Record<string, unknown> = {},
) {
  return change.event({ type, actor, unit: row.bureau, data: eventData(row, extra) }, row.bureau);
}

async function requireFreeNumber(
  change: Change,
  bureau: string,
  number: string,
  self: string | null,
): Promise<void> {
  const taken = await change.trx
    .selectFrom('referrals')
    .select('id')
    .where('bureau', '=', bureau)
    .where('number', '=', number)
    .executeTakeFirst();
  if (taken && taken.id !== self)
    fail('REFERRAL_NUMBER_TAKEN', [{ field: 'number', message: `文号 ${number} 已被使用` }]);
}
