/**
 * Imports units from CSV or JSON. Every row is checked before anything is written, and the
 * whole file goes in one transaction: a file with one bad row imports nothing, and the
 * answer lists each bad row and field in Chinese.
 */
import type { Actor } from '../ledger/event-log.js';
import { type Context, write } from '../platform/context.js';
import { type FieldProblem, fail } from '../platform/errors.js';
import { parseCsv } from './csv.js';
import { type Unit, type UnitInput, type UnitKind, unitInputSchema } from './unit-schema.js';
import { insertUnit } from './units.js';

export const MAX_IMPORT_ROWS = 10_000;

/** Column headers accepted in a CSV file, in English or as a bureau would write them. */
const headerNames: Record<string, keyof UnitInput> = {
  code: 'code',
  单位代码: 'code',
  name: 'name',
  单位名称: 'name',
  kind: 'kind',
  类型: 'kind',
  单位类型: 'kind',
  parent: 'parent',
  上级单位: 'parent',
  上级单位代码: 'parent',
  reportsto: 'reportsTo',
  报送单位: 'reportsTo',
  报送单位代码: 'reportsTo',
};

const kindNames: Record<string, UnitKind> = {
  省级统计局: 'province',
  省: 'province',
  市级统计局: 'city',
  市: 'city',
  县级统计局: 'county',
  县: 'county',
  区: 'county',
  科室: 'office',
  内设机构: 'office',
  局属单位: 'affiliate',
  其他: 'other',
};

export interface ImportResult {
  imported: Unit[];
}

export async function importUnits(
  ctx: Context,
  format: 'csv' | 'json',
  content: string,
  actor: Actor,
  options: { dryRun?: boolean } = {},
): Promise<ImportResult> {
  const raw = format === 'csv' ? rowsFromCsv(content) : rowsFromJson(content);
  const { units, problems } = validateRows(raw);
  if (problems.length > 0) fail('UNIT_IMPORT_INVALID', problems);

  const existing = new Set(
    (await ctx.db.selectFrom('units').select('code').execute()).map((r) => r.code),
  );
  const taken = units.filter((u) => existing.has(u.code));
  if (taken.length > 0) {
    const details = taken.map((u) => ({
      field: `单位 ${u.code}`,
      message: '系统中已有此单位代码',
    }));
    fail('UNIT_IMPORT_INVALID', details);
  }

  const ordered = parentsFirst(units, existing);

  if (options.dryRun) return { imported: ordered.map(previewUnit) };

  return write(ctx, async (change) => {
    const imported: Unit[] = [];
    for (const unit of ordered) imported.push(await insertUnit(change, unit, actor));
    await change.event({ type: 'unit.imported', actor, data: { format, count: imported.length } });

    return { imported };
  });
}

function rowsFromCsv(content: string): Record<string, unknown>[] {
  const [header, ...rows] = parseCsv(content);
  if (!header) fail('UNIT_IMPORT_INVALID', [{ field: '第 1 行', message: '文件是空的' }]);

  const keys = header.map((h) => headerNames[h.trim().toLowerCase()] ?? headerNames[h.trim()]);
  const missing = (['code', 'name', 'kind'] as const).filter((k) => !keys.includes(k));
  if (missing.length > 0) {
    const message = `表头缺少列：${missing.join('、')}（可用：code,name,kind,parent,reportsTo 或 单位代码,单位名称,类型,上级单位,报送单位）`;
    fail('UNIT_IMPORT_INVALID', [{ field: '第 1 行', message }]);
  }

  return rows.map((cells) => {
    const row: Record<string, unknown> = {};
    keys.forEach((key, i) => {
      const value = cells[i]?.trim() ?? '';
      if (key && value !== '') row[key] = key === 'kind' ? (kindNames[value] ?? value) : value;
    });

    return row;
  });
}

function rowsFromJson(content: string): Record<string, unknown>[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    fail('UNIT_IMPORT_INVALID', [{ field: '文件', message: '不是有效的 JSON 文件' }]);
  }

  const list = Array.isArray(parsed) ? parsed : (parsed as { units?: unknown })?.units;
  if (!Array.isArray(list)) {
    fail('UNIT_IMPORT_INVALID', [
      { field: '文件', message: 'JSON 应为单位数组，或含 units 数组的对象' },
    ]);
  }

  return list as Record<string, unknown>[];
}

function validateRows(rows: Record<string, unknown>[]) {
  const problems: FieldProblem[] = [];
  const units: UnitInput[] = [];
  if (rows.length === 0) problems.push({ field: '文件', message: '文件中没有单位' });
  if (rows.length > MAX_IMPORT_ROWS) {
    problems.push({ field: '文件', message: `一次最多导入 ${MAX_IMPORT_ROWS} 个单位，请分批导入` });
    return { units, problems };
  }

  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const where = `第 ${i + 1} 个单位`;
    const parsed = unitInputSchema.safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ field: `${where} ${issue.path.join('.')}`.trim(), message: issue.message });
      }
      return;
    }

    if (seen.has(parsed.data.code)) {
      problems.push({
        field: `${where} code`,
        message: `单位代码 ${parsed.data.code} 在文件中重复`,
      });
    }
    seen.add(parsed.data.code);
    units.push(parsed.data);
  });

  return { units, problems };
}

/** Orders units so that each comes after its parent; unknown parents are reported. */
function parentsFirst(units: UnitInput[], existing: Set<string>): UnitInput[] {
  const pending = new Map(units.map((u) => [u.code, u]));
  const placed = new Set(existing);
  const ordered: UnitInput[] = [];

  while (pending.size > 0) {
    // A unit is ready once its parent and the unit it reports to are in place; a reportsTo
    // that is nowhere is left for insertUnit to reject with its own message.
    const isPlaced = (code: string | null | undefined) =>
      !code || placed.has(code) || !pending.has(code);
    const ready = [...pending.values()].filter(
      (u) => (!u.parent || placed.has(u.parent)) && isPlaced(u.reportsTo),
    );
    if (ready.length === 0) {
      const problems = [...pending.values()].map((u) => ({
        field: `单位 ${u.code}`,
        message: `上级单位 ${u.parent} 既不在系统中也不在文件中，或上下级形成循环`,
      }));
      fail('UNIT_IMPORT_INVALID', problems);
    }

    for (const unit of ready) {
      ordered.push(unit);
      placed.add(unit.code);
      pending.delete(unit.code);
    }
  }

  return ordered;
}

function previewUnit(input: UnitInput): Unit {
  return {
    code: input.code,
    name: input.name,
    kind: input.kind,
    parent: input.parent ?? null,
    reportsTo: input.reportsTo ?? input.parent ?? null,
    active: input.active !== false,
  };
}

/** Loads a preset, skipping units that are already there, so loading it twice is harmless. */
export async function loadPreset(
  ctx: Context,
  preset: UnitInput[],
  actor: Actor,
): Promise<ImportResult> {
  const existing = new Set(
    (await ctx.db.selectFrom('units').select('code').execute()).map((r) => r.code),
  );
  const missing = preset.filter((u) => !existing.has(u.code));

  return write(ctx, async (change) => {
    const imported: Unit[] = [];
    for (const unit of parentsFirst(missing, existing))
      imported.push(await insertUnit(change, unit, actor));
    await change.event({ type: 'unit.preset-loaded', actor, data: { count: imported.length } });

    return { imported };
  });
}
