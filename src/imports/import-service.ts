/**
 * Importing a legacy ledger: preview (read, check, keep the file) and import (all rows in one
 * transaction, or with `validOnly` the rows without problems; never a part by accident).
 *
 * Status of imported records: `complete`. They were signed on paper long ago, by a recorder
 * and witnesses who may have left since; asking them to sign again in Liuhen would leave the
 * records drafts forever, and a draft can be edited without an amendment. The paper ledger is
 * the proof instead: the file is kept in the evidence store for ever, its SM3 is on every
 * record and in the log, and the paper's 记录人 is kept beside the importing account, which
 * becomes the record's recorder (the one who vouches that the import matches the paper).
 */
import { Readable } from 'node:stream';
import { beijingDate, toBeijingIso } from '../calendar/beijing-time.js';
import { type Context, write } from '../platform/context.js';
import type { Db } from '../platform/db/schema.js';
import { AppError, type FieldProblem, fail } from '../platform/errors.js';
import { EvidenceRejected, isSm3Hex } from '../records/evidence-store.js';
import { holdsRole, type Viewer } from '../records/record-access.js';
import type { RecordInput } from '../records/record-schema.js';
import { contentDigest, insertRecord } from '../records/record-service.js';
import { SENT } from '../reports/report-invalidation.js';
import { readRules, versionInForce } from '../rules/rules.js';
import { parseImportFile } from './import-file.js';
import type { RowChoice } from './row-input.js';
import { type CheckContext, type CheckedRow, checkRow } from './row-validation.js';
import type { ParsedSheet } from './source-row.js';
import { MAX_IMPORT_BYTES } from './workbook-file.js';

export interface ImportPreview {
  file: { sm3: string; name: string; size: number };
  unit: string;
  layout: ParsedSheet['layout'];
  sheet: string;
  hasLevelAndSituation: boolean;
  rows: Array<Omit<CheckedRow, 'input'> & { valid: boolean }>;
  problems: ParsedSheet['problems'];
  counts: { rows: number; valid: number; invalid: number; needChoices: number };
}

export interface ImportRequest {
  unit: string;
  /** SM3 of a file stored by a preview. */
  file: string;
  fileName: string;
  choices: Array<RowChoice & { row: number }>;
  validOnly: boolean;
}

export interface ImportResult {
  recordIds: string[];
  imported: number;
  skippedRows: number[];
}

/** Who may import into `unit`: its recorders and its filler (policy action record.import). */
export async function requireImporter(ctx: Context, viewer: Viewer, unit: string): Promise<void> {
  const found = await ctx.db
    .selectFrom('units')
    .select('code')
    .where('code', '=', unit)
    .executeTakeFirst();
  if (!found) fail('UNIT_NOT_FOUND');
  if (!holdsRole(viewer, 'recorder', unit) && !holdsRole(viewer, 'filler', unit))
    fail('IMPORT_ROLE_REQUIRED');
}

/** Reads and checks a file without keeping it: the preview and `liuhen import --dry-run`. */
export async function checkImportFile(
  ctx: Context,
  unit: string,
  file: Buffer,
  choices: ImportRequest['choices'] = [],
): Promise<{ parsed: ParsedSheet; rows: CheckedRow[] }> {
  const parsed = await parseImportFile(file);
  const context = await checkContext(ctx, ctx.db, unit, parsed.layout);
  const byRow = new Map(choices.map((c) => [c.row, c]));

  return {
    parsed,
    rows: parsed.rows.map((row) => checkRow(row, context, byRow.get(row.row), false)),
  };
}

export async function previewImport(
  ctx: Context,
  viewer: Viewer,
  upload: { unit: string; file: Buffer; fileName: string },
): Promise<ImportPreview> {
  await requireImporter(ctx, viewer, upload.unit);
  const { parsed, rows } = await checkImportFile(ctx, upload.unit, upload.file);
  const sm3 = await storeImportFile(ctx, upload.file, upload.fileName);
  const shown = rows.map(({ input, ...row }) => ({ ...row, valid: input !== null }));

  return {
    file: { sm3, name: upload.fileName, size: upload.file.length },
    unit: upload.unit,
    layout: parsed.layout,
    sheet: parsed.sheet,
    hasLevelAndSituation: parsed.hasLevelAndSituation,
    rows: shown,
    problems: parsed.problems,
    counts: {
      rows: rows.length,
      valid: shown.filter((r) => r.valid).length,
      invalid: shown.filter((r) => r.problems.length > 0).length,
      needChoices: shown.filter((r) => r.missing.length > 0).length,
    },
  };
}

/** Keeps the file for ever in the evidence store (content-addressed); returns its SM3. */
export async function storeImportFile(
  ctx: Context,
  file: Buffer,
  fileName: string,
): Promise<string> {
  try {
    const stored = await ctx.evidence.put(Readable.from([file]), {
      maxBytes: MAX_IMPORT_BYTES,
      fileName: xlsxName(fileName),
    });
    return stored.sm3;
  } catch (error) {
    if (error instanceof EvidenceRejected)
      throw new AppError('IMPORT_NOT_XLSX', undefined, error.message);
    throw error;
  }
}

/** The store checks a name against the content; an upload named otherwise is still an .xlsx. */
function xlsxName(name: string): string {
  return /\.xlsx$/i.test(name) ? name : `${name}.xlsx`;
}

export async function commitImport(
  ctx: Context,
  viewer: Viewer,
  request: ImportRequest,
  ip: string,
): Promise<ImportResult> {
  await requireImporter(ctx, viewer, request.unit);
  const file = await readStoredFile(ctx, request.file);
  const parsed = await parseImportFile(file);
  const rules = await readRules(ctx);
  const byRow = new Map(request.choices.map((c) => [c.row, c]));
  const actor = { username: viewer.user.username, ip };

  return write(
    ctx,
    async (change) => {
      const context = await checkContext(ctx, change.trx, request.unit, parsed.layout);
      const rows = parsed.rows.map((row) => checkRow(row, context, byRow.get(row.row), true));
      const valid = rows.filter((r) => r.input !== null);
      if (!request.validOnly && (valid.length < rows.length || parsed.problems.length > 0))
        fail('IMPORT_INVALID', problemList(parsed, rows));
      if (valid.length === 0) fail('IMPORT_NOTHING_VALID', problemList(parsed, rows));

      const recordIds: string[] = [];
      for (const row of valid) {
        const input = row.input as RecordInput;
        const ruleVersion = versionInForce(rules, input.occurredAt.slice(0, 10))!.id;
        const imported = { file: request.file, row: row.row, recorder: row.recorder };
        recordIds.push(
          await insertRecord(change, input, {
            ruleVersion,
            recorderId: viewer.user.id,
            actor,
            imported,
          }),
        );
      }
      const skippedRows = rows.filter((r) => r.input === null).map((r) => r.row);
      const data = {
        file: request.file,
        fileName: request.fileName,
        layout: parsed.layout,
        rows: rows.length,
        imported: recordIds.length,
        skippedRows,
        recordIds,
      };
      await change.event(
        { type: 'import.completed', actor, unit: request.unit, data },
        request.unit,
      );

      return { recordIds, imported: recordIds.length, skippedRows };
    },
    { lock: request.unit },
  );
}

async function readStoredFile(ctx: Context, sm3: string): Promise<Buffer> {
  if (!isSm3Hex(sm3) || !(await ctx.evidence.exists(sm3))) fail('IMPORT_FILE_NOT_FOUND');
  if (!(await ctx.evidence.verify(sm3))) fail('EVIDENCE_CORRUPTED');

  const chunks: Buffer[] = [];
  for await (const chunk of ctx.evidence.open(sm3)) chunks.push(chunk as Buffer);

  return Buffer.concat(chunks);
}

async function checkContext(
  ctx: Context,
  db: Db,
  unit: string,
  layout: ParsedSheet['layout'],
): Promise<CheckContext> {
  const now = ctx.clock.now();
  const sent = await db
    .selectFrom('reports')
    .select('period')
    .where('unit', '=', unit)
    .where('status', 'in', SENT)
    .execute();
  const records = await db
    .selectFrom('records')
    .select('data')
    .where('unit', '=', unit)
    .where('status', '!=', 'voided')
    .execute();

  return {
    rules: await readRules({ db }),
    today: beijingDate(now),
    thisHour: toBeijingIso(now).slice(0, 13),
    unit,
    layout,
    submitted: new Set(sent.map((r) => r.period)),
    existing: new Set(records.map((r) => contentDigest(JSON.parse(r.data) as RecordInput))),
  };
}

/** The problems of a refused import, row by row, as the error's details (the first 200). */
function problemList(parsed: ParsedSheet, rows: CheckedRow[]): FieldProblem[] {
  const sheet = parsed.problems.map((p) => ({
    field: where(p.row, p.cell, p.column),
    message: p.message,
  }));
  const byRow = rows.flatMap((r) =>
    r.problems.map((p) => ({ field: where(r.row, p.cell, p.column), message: p.message })),
  );

  return [...sheet, ...byRow].slice(0, 200);
}

export function where(row: number, cell: string | null, column: string): string {
  return `第 ${row} 行${cell ? ` ${cell}` : ''}（${column}）`;
}
