/**
 * Reads the one-row-per-record template: columns found by their heading, one record per row,
 * empty rows skipped. A cell merged into another row or column would repeat a value nobody
 * typed there, so it is an error naming both cells rather than a silent copy.
 */
import type { Worksheet } from 'exceljs';
import { fail } from '../platform/errors.js';
import { cellDateTime, labelKey } from './cell-values.js';
import type { HeaderRow } from './sheet-header.js';
import { type FieldKey, isEmptyRow, type ParsedSheet, RowReader } from './source-row.js';
import { TEMPLATE_COLUMNS, type TemplateColumn } from './template-columns.js';

const REQUIRED: readonly FieldKey[] = [
  'office',
  'interferer',
  'post',
  'occurredAt',
  'form',
  'recorder',
];
const DATE_FIELDS = new Set<FieldKey>(['occurredAt', 'obstacleRemovedOn']);
/** Headings a bureau may keep in its own copy; their columns are not read. */
const IGNORED = new Set(['序号', '备注']);

export function parseTemplate(sheet: Worksheet, header: HeaderRow): ParsedSheet {
  const { columns, problems } = mapColumns(header);
  const found = new Set(columns.map((c) => c.spec.key));
  const missing = REQUIRED.filter((key) => !found.has(key));
  if (missing.length > 0) {
    const names = missing.map((key) => `“${TEMPLATE_COLUMNS.find((c) => c.key === key)!.header}”`);
    fail(
      'IMPORT_LAYOUT_UNKNOWN',
      undefined,
      `导入模板缺少必需的列：${names.join('、')}（表头在第 ${header.row} 行）`,
    );
  }

  const rows = [];
  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    if (isEmptyRow(sheet, r)) continue;

    const reader = new RowReader(r);
    for (const { col, spec } of columns) {
      const cell = sheet.getRow(r).getCell(col);
      const place = { cell: cell.address, column: spec.header };
      if (cell.isMerged && cell.master.address !== cell.address) {
        reader.problem(
          place,
          `单元格 ${cell.address} 与 ${cell.master.address} 合并了，请取消合并，每个单元格只填本行的内容`,
        );
        continue;
      }
      const read = DATE_FIELDS.has(spec.key)
        ? (c: typeof cell) => cellDateTime(c, null)
        : undefined;
      reader.take(spec.key, cell, spec.header, read);
    }
    rows.push(reader.source);
  }

  return {
    layout: 'template',
    sheet: sheet.name,
    hasLevelAndSituation: found.has('level') && found.has('situation'),
    rows,
    problems,
  };
}

function mapColumns(header: HeaderRow) {
  const columns: Array<{ col: number; spec: TemplateColumn }> = [];
  const problems: ParsedSheet['problems'] = [];
  for (const { col, text, address } of header.cells) {
    const spec = TEMPLATE_COLUMNS.find((c) => labelKey(c.header) === labelKey(text));
    const place = { row: header.row, cell: address, column: text };
    if (!spec) {
      if (!IGNORED.has(labelKey(text)))
        problems.push({
          ...place,
          message: `无法识别的列“${text}”，该列不会导入；请删除该列或改用模板中的列名`,
        });
      continue;
    }
    if (columns.some((c) => c.spec.key === spec.key)) {
      problems.push({ ...place, message: `列“${text}”重复出现，请只保留一列` });
      continue;
    }
    columns.push({ col, spec });
  }

  return { columns, problems };
}
