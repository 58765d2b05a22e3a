/**
 * Validates imported rows with the records API's own rules (record-validation.ts: the zod
 * shape, then checkRecord), and adds what only an import can get wrong: a quarter already
 * submitted, a record the unit already holds. Every problem names its Excel row and column.
 */
import { formatPeriod, periodOfDate } from '../calendar/period.js';
import type { FieldProblem } from '../platform/errors.js';
import type { RuleContext } from '../records/record-rules.js';
import type { RecordInput } from '../records/record-schema.js';
import { contentDigest } from '../records/record-service.js';
import { recordProblems } from '../records/record-validation.js';
import { versionInForce } from '../rules/rules.js';
import { type RowChoice, rowInput } from './row-input.js';
import type { CellProblem, FieldKey, Layout, Place, SourceRow } from './source-row.js';
import { TEMPLATE_COLUMNS } from './template-columns.js';

export interface CheckedRow {
  row: number;
  /** The record body as read, for the preview to show. */
  body: Record<string, unknown>;
  /** Set when the row passed every rule. */
  input: RecordInput | null;
  recorder: string;
  problems: CellProblem[];
  missing: Array<'level' | 'situation'>;
}

export interface CheckContext extends RuleContext {
  unit: string;
  layout: Layout;
  /** Periods of the unit already submitted (报送): nothing may be added to them. */
  submitted: ReadonlySet<string>;
  /** Content digests of the unit's records, to catch a ledger imported twice. */
  existing: ReadonlySet<string>;
}

/**
 * Checks one row. With `choice` the user's level and situation fill the row's gaps; a gap left
 * open is a problem when `requireChoices`, and otherwise only listed in `missing` (preview).
 */
export function checkRow(
  source: SourceRow,
  context: CheckContext,
  choice: RowChoice | undefined,
  requireChoices: boolean,
): CheckedRow {
  const read = rowInput(source, context.unit, context.rules, choice);
  const { body, filled } = withPlaceholders(read.body, context);
  const checked = recordProblems(body, context);
  const readPlaces = new Set(read.problems.map((p) => p.cell ?? p.column));
  const problems = [...read.problems];
  if (requireChoices) {
    for (const key of read.missing) {
      const message = key === 'level' ? '请选择级别：县处级、乡科级或其他' : '请选择干预情形';
      problems.push({
        ...placeOf(key === 'level' ? 'interferer.level' : key, source, context.layout),
        message,
      });
    }
  }
  for (const problem of checked.problems) {
    if (filled.has(problem.field)) continue;
    const place = placeOf(problem.field, source, context.layout);
    if (!readPlaces.has(place.cell ?? place.column))
      problems.push(withHint(problem, place, context.layout));
  }

  const input = checked.input;
  if (input && problems.length === 0) problems.push(...importProblems(input, source, context));
  const valid = problems.length === 0 && (requireChoices || read.missing.length === 0);

  return {
    row: source.row,
    body: read.body,
    input: valid ? input : null,
    recorder: read.recorder,
    problems,
    missing: read.missing,
  };
}

/**
 * Stand-ins for a level or situation the row does not give (or gives unreadably), so the rest
 * of the row is still checked; problems about the stand-ins themselves are left out.
 */
function withPlaceholders(body: Record<string, unknown>, context: CheckContext) {
  const filled = new Set<string>();
  const interferer = body.interferer as Record<string, unknown>;
  const next = { ...body };
  if (interferer.level === undefined) {
    next.interferer = { ...interferer, level: 'other' };
    filled.add('interferer.level');
  }
  if (body.situation === undefined) {
    const version = versionInForce(context.rules, String(body.occurredAt ?? '').slice(0, 10));
    next.situation = version?.situations[0]?.id ?? '0000-0';
    filled.add('situation');
  }

  return { body: next, filled };
}

function importProblems(
  input: RecordInput,
  source: SourceRow,
  context: CheckContext,
): CellProblem[] {
  const place = placeOf('occurredAt', source, context.layout);
  const period = formatPeriod(periodOfDate(input.occurredAt));
  if (context.submitted.has(period)) {
    const message = `干预时间所在的季度 ${period} 已报送，不能再导入该季度的记录；新发现的情况请在系统中新建记录并作为补报处理`;
    return [{ ...place, message }];
  }
  if (context.existing.has(contentDigest(input))) {
    const message = '本单位已有内容完全相同的记录，这一行可能已经导入过，请删除这一行';
    return [{ cell: null, column: `第 ${source.row} 行`, message }];
  }

  return [];
}

/** Which sheet fields a record field comes from, first match with a place wins. */
const SOURCES: ReadonlyArray<[string, FieldKey[]]> = [
  ['interferer.name', ['interferer']],
  ['interferer.post', ['post']],
  ['interferer.level', ['level']],
  ['interferer', ['interferer']],
  ['content.indicators', ['indicators', 'content']],
  ['content.case', ['caseName', 'content']],
  ['content.words', ['words', 'content']],
  ['content.description', ['description', 'content']],
  ['content.storageMedium', ['storageMedium', 'content']],
  ['content', ['words', 'indicators', 'content']],
  ['supplementary.obstacleRemovedOn', ['obstacleRemovedOn']],
  ['supplementary', ['supplementaryReason']],
  ['details.otherSource', ['otherSource']],
  ['channel', ['channel', 'form']],
];

function placeOf(field: string, source: SourceRow, layout: Layout): Place {
  const entry = SOURCES.find(([prefix]) => field === prefix || field.startsWith(`${prefix}.`));
  const tail = field.replace(/^details\./, '').split('.')[0] as FieldKey;
  const keys = entry?.[1] ?? [tail];
  for (const key of keys) {
    const place = source.places[key];
    if (place) return place;
  }

  const key = keys[0]!;
  const header = TEMPLATE_COLUMNS.find((c) => c.key === key)?.header;
  const column =
    layout === 'ledger' && key !== 'level' && key !== 'situation' ? '干预内容' : (header ?? field);
  return { cell: null, column };
}

function withHint(problem: FieldProblem, place: Place, layout: Layout): CellProblem {
  const hint =
    layout === 'ledger' && problem.field === 'content'
      ? '（在“干预内容”中以“具体表述：”“统计指标：”或“案件：”开头写明；不带这些开头的文字作为情况描述）'
      : '';

  return { ...place, message: `${problem.message}${hint}` };
}
