/**
 * Reads a ledger in the layout of 附件1 (forms.md): a cover part, the heading row, then one band
 * of eight rows per record, with 序号 … 干预时间 and 记录人 in the band's first row (merged down
 * it), the 干预形式 boxes beside the eight labelled details, and 填报说明 or the evidence list
 * after the table. Liuhen's two added columns, 级别 and 干预情形, may be there or not.
 */
import type { Cell, Worksheet } from 'exceljs';
import { DETAIL_ROWS } from '../documents/ledger-document.js';
import { fail } from '../platform/errors.js';
import { cellDateTime, cellText, labelKey, normalized } from './cell-values.js';
import { type Box, formOfBoxes } from './form-boxes.js';
import type { HeaderRow } from './sheet-header.js';
import {
  type FieldKey,
  isEmptyRow,
  type ParsedSheet,
  type Place,
  RowReader,
} from './source-row.js';

const BAND = DETAIL_ROWS.length;

/** The band's single-cell columns: the heading each is found under, and its field. */
const HEADINGS: ReadonlyArray<{
  heading: string;
  key: FieldKey | 'seq' | 'form';
  required: boolean;
}> = [
  { heading: '序号', key: 'seq', required: false },
  { heading: '干预人', key: 'interferer', required: true },
  { heading: '干预人单位、职务', key: 'post', required: true },
  { heading: '级别', key: 'level', required: false },
  { heading: '干预情形', key: 'situation', required: false },
  { heading: '干预内容', key: 'content', required: true },
  { heading: '干预时间', key: 'occurredAt', required: true },
  { heading: '干预形式', key: 'form', required: true },
  { heading: '记录人(签字)', key: 'recorder', required: true },
];

interface Columns {
  single: Array<{ col: number; heading: string; key: FieldKey | 'seq' }>;
  form: number;
  label: number;
  value: number;
}

interface Heading {
  year: number | null;
  office: { value: string; place: Place } | null;
}

export function parseLedger(sheet: Worksheet, header: HeaderRow): ParsedSheet {
  const columns = findColumns(sheet, header);
  const heading = readHeading(sheet, header.row);
  const parsed: ParsedSheet = {
    layout: 'ledger',
    sheet: sheet.name,
    hasLevelAndSituation:
      columns.single.some((c) => c.key === 'level') &&
      columns.single.some((c) => c.key === 'situation'),
    rows: [],
    problems: [],
  };

  // Rows between the heading and the first band are a second heading row, if anything.
  let r = nextBandStart(sheet, header.row + 1, columns);
  while (r <= sheet.rowCount && !endsTable(sheet, r)) {
    if (isEmptyRow(sheet, r)) {
      r++;
      continue;
    }

    const mismatch = bandMismatch(sheet, r, columns);
    if (mismatch) {
      parsed.problems.push({
        row: mismatch.row,
        cell: mismatch.cell,
        column: '明细栏',
        message: mismatch.message,
      });
      r = nextBandStart(sheet, r + 1, columns);
      continue;
    }

    parsed.rows.push(readBand(sheet, r, columns, heading));
    r += BAND;
  }

  return parsed;
}

function findColumns(sheet: Worksheet, header: HeaderRow): Columns {
  const single: Columns['single'] = [];
  let form = 0;
  const missing: string[] = [];
  for (const { heading, key, required } of HEADINGS) {
    const cell = header.cells.find((c) => sameHeading(c.text, heading));
    if (!cell) {
      if (required) missing.push(`“${heading}”`);
      continue;
    }
    if (key === 'form') form = cell.col;
    else single.push({ col: cell.col, heading, key });
  }
  if (missing.length > 0)
    fail(
      'IMPORT_LAYOUT_UNKNOWN',
      undefined,
      `记录台账第 ${header.row} 行的表头缺少${missing.join('、')}列`,
    );

  const label = labelColumn(sheet, header.row, form);
  if (label === null)
    fail(
      'IMPORT_LAYOUT_UNKNOWN',
      undefined,
      '记录台账中找不到“在场人员(签字)”“地点”等明细栏，请按附件1的格式整理后导入',
    );

  return { single, form, label, value: label + 1 };
}

/** 记录人(签字) may be written 记录人（签字） or plain 记录人. */
function sameHeading(text: string, heading: string): boolean {
  const key = labelKey(text);

  return key === labelKey(heading) || (heading.startsWith('记录人') && key === '记录人');
}

/** The detail labels stand right of the boxes, in the first record's band. */
function labelColumn(sheet: Worksheet, headerRow: number, formCol: number): number | null {
  for (let r = headerRow + 1; r <= Math.min(sheet.rowCount, headerRow + 12); r++) {
    for (let col = formCol; col <= formCol + 4; col++) {
      if (labelMatches(sheet.getRow(r).getCell(col), 0)) return col;
    }
  }

  return null;
}

function labelMatches(cell: Cell, index: number): boolean {
  const text = cellText(cell);
  const want = labelKey(DETAIL_ROWS[index]!.label).replace(/\(.*\)$/, '');

  return text.ok && labelKey(text.value).replace(/\(.*\)$/, '') === want;
}

/** The year of the title (20__年度__季度) and the 记录机构 line above the heading. */
function readHeading(sheet: Worksheet, headerRow: number): Heading {
  const heading: Heading = { year: null, office: null };
  for (let r = 1; r < headerRow; r++) {
    sheet.getRow(r).eachCell((cell) => {
      const text = cellText(cell);
      if (!text.ok || (cell.isMerged && cell.master.address !== cell.address)) return;

      const plain = normalized(text.value);
      const year = /(\d{4})\s*年度?/.exec(plain);
      if (heading.year === null && year) heading.year = Number(year[1]);
      const office = /记录机构\s*[:：]\s*(.*)$/.exec(plain);
      if (office?.[1])
        heading.office = {
          value: office[1].trim(),
          place: { cell: cell.address, column: '记录机构' },
        };
    });
  }

  return heading;
}

function endsTable(sheet: Worksheet, r: number): boolean {
  let ends = false;
  sheet.getRow(r).eachCell((cell) => {
    const text = cellText(cell);
    if (text.ok && /^(填报说明|证据材料)/.test(labelKey(text.value))) ends = true;
  });

  return ends;
}

function startsBand(sheet: Worksheet, r: number, columns: Columns): boolean {
  return labelMatches(sheet.getRow(r).getCell(columns.label), 0);
}

function nextBandStart(sheet: Worksheet, from: number, columns: Columns): number {
  let r = from;
  while (r <= sheet.rowCount && !endsTable(sheet, r) && !startsBand(sheet, r, columns)) r++;

  return r;
}

/** Where a band's eight labels differ from 附件1's, if they do. */
function bandMismatch(sheet: Worksheet, r: number, columns: Columns) {
  for (let k = 0; k < BAND; k++) {
    const cell = sheet.getRow(r + k).getCell(columns.label);
    if (labelMatches(cell, k)) continue;

    const want = DETAIL_ROWS[k]!.label;
    const message =
      k === 0
        ? `第 ${r} 行不是一条记录的开始：明细栏应为“${want}”；每条记录占 ${BAND} 行`
        : `明细栏 ${cell.address} 应为“${want}”；每条记录占 ${BAND} 行，从“在场人员(签字)”到“其他来源”`;
    return { row: r + k, cell: cell.address, message };
  }

  return null;
}

function readBand(sheet: Worksheet, r: number, columns: Columns, heading: Heading) {
  const reader = new RowReader(r);
  for (const { col, heading: column, key } of columns.single) {
    const cell = sheet.getRow(r).getCell(col);
    checkBandCells(sheet, r, col, column, reader);
    if (key === 'seq') continue;

    const read = key === 'occurredAt' ? (c: Cell) => cellDateTime(c, heading.year) : undefined;
    reader.take(key, cell, column, read);
  }

  readForm(sheet, r, columns.form, reader);
  readDetails(sheet, r, columns.value, reader);
  if (heading.office) reader.set('office', heading.office.value, heading.office.place);
  else reader.set('office', '', { cell: null, column: '记录机构（表头上方“记录机构：”一行）' });

  return reader.source;
}

/**
 * The first row's cell must be its own (not merged from the band above), and the band's other
 * rows in that column empty or merged into it; anything else would be silently lost.
 */
function checkBandCells(
  sheet: Worksheet,
  r: number,
  col: number,
  column: string,
  reader: RowReader,
) {
  const first = sheet.getRow(r).getCell(col);
  if (first.isMerged && first.master.address !== first.address) {
    const message = `单元格 ${first.address} 与上方的 ${first.master.address} 合并了，每条记录应从自己的第一行开始，请取消合并`;
    reader.problem({ cell: first.address, column }, message);
  }

  for (let k = 1; k < BAND; k++) {
    const cell = sheet.getRow(r + k).getCell(col);
    if (cell.isMerged && cell.master.address === first.master.address) continue;

    const text = cellText(cell);
    if (!text.ok || text.value !== '') {
      const message = `单元格 ${cell.address} 有内容，但“${column}”只应填在本条记录的第一行 ${first.address}（可合并单元格）`;
      reader.problem({ cell: cell.address, column }, message);
    }
  }
}

function readForm(sheet: Worksheet, r: number, col: number, reader: RowReader) {
  const boxes: Box[] = [];
  const seen = new Set<string>();
  const place = { cell: sheet.getRow(r).getCell(col).address, column: '干预形式' };
  for (let k = 0; k < BAND; k++) {
    const cell = sheet.getRow(r + k).getCell(col);
    const master = cell.master;
    if (seen.has(master.address)) continue;
    seen.add(master.address);
    if (Number(master.row) < r) {
      reader.problem(
        { cell: cell.address, column: '干预形式' },
        `单元格 ${cell.address} 与上一条记录的 ${master.address} 合并了，请取消合并`,
      );
      continue;
    }

    const text = cellText(master);
    if (!text.ok) reader.problem({ cell: master.address, column: '干预形式' }, text.message);
    else boxes.push({ text: text.value, byPosition: DETAIL_ROWS[k]!.form });
  }

  const form = formOfBoxes(boxes);
  if (form.ok) reader.set('form', form.value, place);
  else reader.problem(place, form.message);
}

function readDetails(sheet: Worksheet, r: number, col: number, reader: RowReader) {
  DETAIL_ROWS.forEach(({ key, label }, k) => {
    const cell = sheet.getRow(r + k).getCell(col);
    if (cell.isMerged && cell.master.row !== cell.row) {
      const message = `单元格 ${cell.address} 与 ${cell.master.address} 合并了，“${label}”须单独填写，请取消合并`;
      reader.problem({ cell: cell.address, column: label }, message);
      return;
    }
    reader.take(key, cell, label);
  });
}
