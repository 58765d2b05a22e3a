/**
 * The unit tree. Units are never deleted: a unit that ceases is made inactive, so that
 * its records and reports stay attached to it for ever.
 */
import type { Transaction } from 'kysely';
import type { Actor } from '../ledger/event-log.js';
import { type Change, type Context, write } from '../platform/context.js';
import type { Schema, UnitRow } from '../platform/db/schema.js';
import { fail } from '../platform/errors.js';
import type { Unit, UnitInput, UnitKind, UnitPatch } from './unit-schema.js';

export function toUnit(row: UnitRow): Unit {
  return {
    code: row.code,
    name: row.name,
    kind: row.kind as UnitKind,
    parent: row.parent,
    reportsTo: row.reports_to,
    active: row.active === 1,
  };
}

export async function listUnits(ctx: Context): Promise<Unit[]> {
  const rows = await ctx.db.selectFrom('units').selectAll().orderBy('code').execute();

  return rows.map(toUnit);
}

export async function getUnit(ctx: Context, code: string): Promise<Unit> {
  const row = await ctx.db
    .selectFrom('units')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();

  return row ? toUnit(row) : fail('UNIT_NOT_FOUND');
}

export function createUnit(ctx: Context, input: UnitInput, actor: Actor): Promise<Unit> {
  return write(ctx, (change) => insertUnit(change, input, actor));
}

/** Inserts one unit inside an open change; used by the API, imports and presets alike. */
export async function insertUnit(change: Change, input: UnitInput, actor: Actor): Promise<Unit> {
  const { trx } = change;
  const taken = await trx
    .selectFrom('units')
    .select('code')
    .where('code', '=', input.code)
    .executeTakeFirst();
  if (taken) fail('UNIT_EXISTS', [{ field: 'code', message: `单位代码 ${input.code} 已存在` }]);

  const parent = input.parent ?? null;
  if (parent) await requireUnit(trx, parent, 'parent');
  if (input.reportsTo) await requireUnit(trx, input.reportsTo, 'reportsTo');

  const now = change.now.toISOString();
  const row = {
    code: input.code,
    name: input.name,
    kind: input.kind,
    parent,
    reports_to: input.reportsTo ?? parent,
    active: input.active === false ? 0 : 1,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('units').values(row).execute();
  const unit = toUnit(row);
  await change.event({ type: 'unit.created', actor, unit: unit.code, data: { unit } }, unit.code);

  return unit;
}

export function updateUnit(
  ctx: Context,
  code: string,
  patch: UnitPatch,
  actor: Actor,
): Promise<Unit> {
  return write(ctx, async (change) => {
    const { trx } = change;
    const row = await trx
      .selectFrom('units')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirst();
    if (!row) fail('UNIT_NOT_FOUND');

    if (patch.parent) await requireAcyclicParent(trx, code, patch.parent);
    if (patch.reportsTo) await requireUnit(trx, patch.reportsTo, 'reportsTo');

    const before = toUnit(row);
    const after: Unit = {
      ...before,
      ...definedOnly({
        name: patch.name,
        kind: patch.kind,
        parent: patch.parent,
        reportsTo: patch.reportsTo,
      }),
      active: patch.active ?? before.active,
    };
    await trx
      .updateTable('units')
      .set({
        name: after.name,
        kind: after.kind,
        parent: after.parent,
        reports_to: after.reportsTo,
        active: after.active ? 1 : 0,
        updated_at: change.now.toISOString(),
      })
      .where('code', '=', code)
      .execute();
    await change.event({ type: 'unit.updated', actor, unit: code, data: { before, after } }, code);

    return after;
  });
}

function definedOnly<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function requireUnit(trx: Transaction<Schema>, code: string, field: string): Promise<void> {
  const found = await trx
    .selectFrom('units')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst();
  if (!found) fail('UNIT_PARENT_INVALID', [{ field, message: `单位 ${code} 不存在` }]);
}

/** A unit may not become its own ancestor: walk up from the new parent to the root. */
async function requireAcyclicParent(trx: Transaction<Schema>, code: string, parent: string) {
  const seen = new Set<string>();
  let current: string | null = parent;
  while (current) {
    if (current === code || seen.has(current)) {
      fail('UNIT_PARENT_INVALID', [
        { field: 'parent', message: '不能把单位设为自己或下级单位的下级' },
      ]);
    }

    seen.add(current);
    const row: { parent: string | null } | undefined = await trx
      .selectFrom('units')
      .select('parent')
      .where('code', '=', current)
      .executeTakeFirst();
    if (!row) fail('UNIT_PARENT_INVALID', [{ field: 'parent', message: `单位 ${current} 不存在` }]);
    current = row.parent;
  }
}
