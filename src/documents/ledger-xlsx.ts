/**
 * The ledger (附件1) as an Excel workbook: one sheet 记录台账 laid out as the paper form
 * (forms.md), cover first, then the table with one band of eight rows per record, the 填报说明
 * and the evidence list. The ledger importer reads this layout back, so the row and column map
 * below is a contract:
 *
 * - Rows 1–4: title, period, 记录单位, the lead sentence; then one row per situation (rows 5–11
 *   for the seven of 2017), each merged over A:K. A manual page break follows the last one.
 * - Table: a title row, a row with 记录单位 (A:F) and 记录机构 (G:K), the heading row (H:J
 *   merged as 干预形式), then per record eight rows: A 序号, B 干预人, C 单位、职务, D 级别,
 *   E 干预情形, F 干预内容, G 干预时间 and K 记录人 merged down the band; H the three check boxes
 *   (rows 1–2, 3, 4–8); I the detail label and J its value. No records: one row 「（无记录）」.
 * - Right after the table 「填报说明：」 and the six notes; one empty row; 「证据材料清单」, a
 *   heading row and one row per file: A 记录序号, B:E 文件名, F 类型, G 大小（字节）, H:K SM3 哈希.
 *
 * Text cells are written as shared strings, never as formulas, so a value typed as `=1+1` or
 * `@SUM(A1)` prints as typed and Excel does not evaluate it.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  CHECKED,
  DETAIL_ROWS,
  type EvidenceLine,
  FORM_BOXES,
  LEDGER_COLUMNS,
  LEDGER_INSTRUCTIONS,
  LEDGER_TITLE,
  type LedgerDocument,
  type LedgerRow,
  SITUATIONS_LEAD,
  UNCHECKED,
} from './ledger-document.js';

export const LEDGER_SHEET = '记录台账';
export const NO_RECORDS = '（无记录）';
export const NO_EVIDENCE = '（无证据材料）';
export const EVIDENCE_HEADING = '证据材料清单';
export const EVIDENCE_COLUMNS = ['记录序号', '文件名', '类型', '大小（字节）', 'SM3 哈希'] as const;

const BAND_ROWS = DETAIL_ROWS.length;
const LAST_COLUMN = 11;

// Columns A..K; F (干预内容) is the widest because it holds the longest text.
const COLUMN_WIDTHS = [6, 10, 18, 8, 10, 40, 14, 12, 14, 22, 14];

// The columns merged down a record's band, with the field each one shows (序号 is a number).
const BAND_FIELDS: ReadonlyArray<[column: number, value: (row: LedgerRow) => string | number]> = [
  [1, (row) => row.seq],
  [2, (row) => row.interferer],
  [3, (row) => row.post],
  [4, (row) => row.level],
  [5, (row) => row.situation],
  [6, (row) => row.content],
  [7, (row) => row.occurredAt],
  [11, (row) => row.recorder],
];

// The evidence list's columns as [first, last] column of each merged cell.
const EVIDENCE_SPANS: ReadonlyArray<[number, number]> = [
  [1, 1],
  [2, 5],
  [6, 6],
  [7, 7],
  [8, 11],
];

// One style object per kind of cell, shared by every cell of that kind: exceljs maps a style
// object it has seen before to its style id at once, but hashes every new object it meets.
const FONT = { name: '宋体', size: 11 };
const BOLD = { ...FONT, bold: true };
const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADING_FILL = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFF2F2F2' },
} as const;

const styles = {
  title: {
    font: { ...FONT, size: 18, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle' },
  },
  centred: { font: { ...FONT, size: 12 }, alignment: { horizontal: 'center', vertical: 'middle' } },
  line: { font: FONT, alignment: { horizontal: 'left', vertical: 'middle' } },
  paragraph: { font: FONT, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } },
  heading: {
    font: BOLD,
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border: BORDER,
    fill: HEADING_FILL,
  },
  cell: {
    font: FONT,
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border: BORDER,
  },
  text: {
    font: FONT,
    alignment: { horizontal: 'left', vertical: 'middle', wrapText: true },
    border: BORDER,
  },
  size: {
    font: FONT,
    alignment: { horizontal: 'right', vertical: 'middle' },
    border: BORDER,
    numFmt: '#,##0',
  },
  bold: { font: BOLD, alignment: { horizontal: 'left', vertical: 'middle' } },
} satisfies Record<string, Partial<ExcelJS.Style>>;

type CellStyle = Partial<ExcelJS.Style>;

const LINE_HEIGHT = 15;
const BAND_ROW_HEIGHT = 18;

/**
 * The ledger as an .xlsx file, A4 landscape, fitted to the page width, with the table's
 * heading row repeated on every printed page.
 *
 * Written with exceljs's streaming writer, each band committed once written: a 10,000-record
 * ledger is 880,000 cells, which the in-memory workbook holds all at once and zips with a
 * JavaScript deflate, where the streaming writer uses Node's zlib.
 */
export async function renderLedgerXlsx(doc: LedgerDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const output = new PassThrough();
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: true,
  });
  describeWorkbook(workbook, doc);

  // The writer writes the sheet's properties and views as soon as the sheet is added.
  const sheet = workbook.addWorksheet(LEDGER_SHEET, {
    views: [{ showGridLines: false }],
    pageSetup: PAGE_SETUP,
  });
  sheet.columns = COLUMN_WIDTHS.map((width) => ({ width }));

  const coverEnd = writeCover(sheet, doc);
  sheet.getRow(coverEnd).addPageBreak();
  const headingRow = writeTableHead(sheet, doc, coverEnd + 1);
  const tableEnd = writeBands(sheet, doc.rows, headingRow + 1);
  const notesEnd = writeInstructions(sheet, tableEnd + 1);
  const lastRow = writeEvidence(sheet, doc.evidence, notesEnd + 2);
  setPrintRanges(sheet, headingRow, lastRow);
  await workbook.commit();

  return Buffer.concat(chunks);
}

function describeWorkbook(workbook: ExcelJS.Workbook, doc: LedgerDocument): void {
  workbook.creator = 'Liuhen 留痕';
  workbook.lastModifiedBy = 'Liuhen 留痕';
  workbook.title = `${LEDGER_TITLE}（${doc.unit.name} ${doc.period.text}）`;
  workbook.subject = LEDGER_TITLE;
  workbook.description =
    doc.reportVersion === null ? '预览：本季度尚未汇编' : `汇编第 ${doc.reportVersion} 版`;
}

// Title, period, 记录单位, the lead sentence and the situations; returns the last row.
function writeCover(sheet: ExcelJS.Worksheet, doc: LedgerDocument): number {
  writeWide(sheet, 1, LEDGER_TITLE, styles.title, 36);
  writeWide(sheet, 2, doc.period.text, styles.centred, 24);
  writeWide(sheet, 3, `记录单位：${doc.unit.name}`, styles.line, 24);
  writeWide(sheet, 4, SITUATIONS_LEAD, styles.paragraph, paragraphHeight(SITUATIONS_LEAD));

  let row = 4;
  for (const situation of doc.situations) {
    row += 1;
    const text = `${situation.label}${situation.text}`;
    writeWide(sheet, row, text, styles.paragraph, paragraphHeight(text));
  }

  return row;
}

// The title again, 记录单位 and 记录机构, and the heading row; returns the heading row.
function writeTableHead(sheet: ExcelJS.Worksheet, doc: LedgerDocument, top: number): number {
  writeWide(sheet, top, LEDGER_TITLE, styles.title, 36);
  writeSpan(sheet, top + 1, 1, 6, `记录单位：${doc.unit.name}`, styles.line);
  writeSpan(sheet, top + 1, 7, LAST_COLUMN, `记录机构：${doc.office}`, styles.line);
  sheet.getRow(top + 1).height = 24;

  // 干预形式 heads the boxes, the detail labels and their values: H:J.
  const heading = top + 2;
  const row = sheet.getRow(heading);
  const texts = [...LEDGER_COLUMNS.slice(0, 7), LEDGER_COLUMNS[7], '', '', LEDGER_COLUMNS[8]];
  texts.forEach((text, i) => {
    writeCell(row, i + 1, text, styles.heading);
  });
  mergeDisjoint(sheet, heading, 8, heading, 10);
  row.height = 30;

  return heading;
}

// One band per record from row `top`, or the 「（无记录）」 row; returns the last row.
function writeBands(sheet: ExcelJS.Worksheet, rows: readonly LedgerRow[], top: number): number {
  if (rows.length === 0) {
    writeSpan(sheet, top, 1, LAST_COLUMN, NO_RECORDS, styles.cell);
    sheet.getRow(top).height = BAND_ROW_HEIGHT * 2;

    return top;
  }

  rows.forEach((row, i) => {
    const bandTop = top + i * BAND_ROWS;
    writeBand(sheet, row, bandTop);
    sheet.getRow(bandTop + BAND_ROWS - 1).commit();
  });

  return top + rows.length * BAND_ROWS - 1;
}

function writeBand(sheet: ExcelJS.Worksheet, record: LedgerRow, top: number): void {
  const height = bandRowHeight(record);
  const rows = Array.from({ length: BAND_ROWS }, (_, i) => sheet.getRow(top + i));
  for (const row of rows) row.height = height;

  for (const [column, value] of BAND_FIELDS) {
    writeCell(rows[0]!, column, value(record), column === 6 ? styles.text : styles.cell);
  }

  DETAIL_ROWS.forEach((detail, i) => {
    const row = rows[i]!;
    writeCell(row, 9, detail.label, styles.cell);
    writeCell(row, 10, record.details[detail.key], styles.text);
  });

  writeFormBoxes(sheet, record, top);
  for (const [column] of BAND_FIELDS) {
    mergeDisjoint(sheet, top, column, top + BAND_ROWS - 1, column);
  }
}

// Column H: a check box per form, each merged down the detail rows that belong to it.
function writeFormBoxes(sheet: ExcelJS.Worksheet, record: LedgerRow, top: number): void {
  let first = top;
  for (const box of FORM_BOXES) {
    const mark = box.form === record.form ? CHECKED : UNCHECKED;
    writeCell(sheet.getRow(first), 8, `${mark} ${box.label}`, styles.cell);
    if (box.rows > 1) mergeDisjoint(sheet, first, 8, first + box.rows - 1, 8);
    first += box.rows;
  }
}

// 填报说明 under the table, one merged row per note; returns the last row.
function writeInstructions(sheet: ExcelJS.Worksheet, top: number): number {
  writeWide(sheet, top, '填报说明：', styles.bold, 20);
  LEDGER_INSTRUCTIONS.forEach((note, i) => {
    writeWide(sheet, top + 1 + i, note, styles.paragraph, paragraphHeight(note));
  });

  return top + LEDGER_INSTRUCTIONS.length;
}

// The evidence the notice makes part of the ledger, listed file by file; returns the last row.
function writeEvidence(sheet: ExcelJS.Worksheet, lines: readonly EvidenceLine[], top: number) {
  writeWide(sheet, top, EVIDENCE_HEADING, styles.bold, 22);
  const headingStyles = EVIDENCE_SPANS.map(() => styles.heading);
  writeEvidenceRow(sheet, top + 1, [...EVIDENCE_COLUMNS], headingStyles);
  if (lines.length === 0) {
    writeSpan(sheet, top + 2, 1, LAST_COLUMN, NO_EVIDENCE, styles.cell);
    sheet.getRow(top + 2).height = 24;

    return top + 2;
  }

  const lineStyles = [styles.cell, styles.text, styles.cell, styles.size, styles.text];
  lines.forEach((line, i) => {
    const values = [line.seq, line.name, line.kind, line.size, line.sm3];
    writeEvidenceRow(sheet, top + 2 + i, values, lineStyles);
  });

  return top + 1 + lines.length;
}

// One cell per EVIDENCE_SPANS entry, its empty neighbours styled so the borders print.
function writeEvidenceRow(
  sheet: ExcelJS.Worksheet,
  rowNumber: number,
  values: ReadonlyArray<string | number>,
  cellStyles: readonly CellStyle[],
): void {
  const row = sheet.getRow(rowNumber);
  row.height = 30;
  EVIDENCE_SPANS.forEach(([first, last], i) => {
    writeCell(row, first, values[i]!, cellStyles[i]!);
    if (last > first) mergeDisjoint(sheet, rowNumber, first, rowNumber, last);
  });
}

const PAGE_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
};

function setPrintRanges(sheet: ExcelJS.Worksheet, headingRow: number, lastRow: number): void {
  sheet.pageSetup.printArea = `A1:K${lastRow}`;
  sheet.pageSetup.printTitlesRow = `${headingRow}:${headingRow}`;
  sheet.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
}

// A row whose text spans A:K.
function writeWide(
  sheet: ExcelJS.Worksheet,
  rowNumber: number,
  text: string,
  style: CellStyle,
  height: number,
): void {
  writeSpan(sheet, rowNumber, 1, LAST_COLUMN, text, style);
  sheet.getRow(rowNumber).height = height;
}

function writeSpan(
  sheet: ExcelJS.Worksheet,
  rowNumber: number,
  first: number,
  last: number,
  text: string,
  style: CellStyle,
): void {
  const row = sheet.getRow(rowNumber);
  writeCell(row, first, text, style);
  mergeDisjoint(sheet, rowNumber, first, rowNumber, last);
}

// An empty string leaves the cell empty but styled, so its border still prints.
function writeCell(
  row: ExcelJS.Row,
  column: number,
  value: string | number,
  style: CellStyle,
): void {
  const cell = row.getCell(column);
  if (value !== '') cell.value = value;
  cell.style = style;
}

/**
 * Merges a rectangle the layout knows to overlap no other merge. exceljs checks every new merge
 * against all earlier ones, which makes the 110,000 merges of a 10,000-record ledger take
 * minutes; the check is skipped by handing mergeCells an empty merge list and adding the one
 * merge it records to the sheet's list.
 */
function mergeDisjoint(
  sheet: ExcelJS.Worksheet,
  top: number,
  left: number,
  bottom: number,
  right: number,
): void {
  const internal = sheet as unknown as { _merges: unknown[] };
  const merges = internal._merges;
  internal._merges = [];
  try {
    sheet.mergeCells(top, left, bottom, right);
    merges.push(...internal._merges);
  } finally {
    internal._merges = merges;
  }
}

// Excel does not grow rows to fit merged cells, so every row of the band is made tall enough
// for the longest merged text spread over the eight rows and for the longest detail value.
function bandRowHeight(record: LedgerRow): number {
  let mergedLines = 0;
  for (const [column, value] of BAND_FIELDS) {
    const lines = lineCount(String(value(record)), COLUMN_WIDTHS[column - 1]!);
    mergedLines = Math.max(mergedLines, lines);
  }

  let detailLines = 1;
  for (const detail of DETAIL_ROWS) {
    detailLines = Math.max(detailLines, lineCount(record.details[detail.key], COLUMN_WIDTHS[9]!));
  }

  const spread = Math.ceil((mergedLines * LINE_HEIGHT + 6) / BAND_ROWS);

  return Math.max(BAND_ROW_HEIGHT, spread, detailLines * LINE_HEIGHT + 4);
}

function paragraphHeight(text: string): number {
  const width = COLUMN_WIDTHS.reduce((sum, w) => sum + w, 0);

  return lineCount(text, width) * LINE_HEIGHT + 6;
}

// How many lines `text` takes in a column `width` characters wide, a Chinese character being
// about two digits wide. An estimate that errs towards one line too many.
function lineCount(text: string, width: number): number {
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let units = 0;
    for (const char of paragraph) units += char.charCodeAt(0) >= 0x2000 ? 2.2 : 1.1;
    lines += Math.max(1, Math.ceil(units / Math.max(1, width - 2)));
  }

  return lines;
}
