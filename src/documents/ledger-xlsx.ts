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
 *
 * The workbook's XML is written directly (sheet-xml.ts, stylesheet-xml.ts, xlsx-package.ts);
 * this file is the one place of the layout.
 */
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
import { type CellValue, SharedStrings, type SheetLayout, WorksheetXml } from './sheet-xml.js';
import { stylesheetXml } from './stylesheet-xml.js';
import { sheetPart, type WorkbookProperties, xlsxPackage } from './xlsx-package.js';

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

// Band columns: F 干预内容, H the check boxes, I the detail labels, J their values.
const CONTENT_COLUMN = 6;
const BOX_COLUMN = 8;
const LABEL_COLUMN = 9;
const DETAIL_COLUMN = 10;

// Each check box with the offset of its first row in the band.
const BOXES = FORM_BOXES.map((box, i) => ({
  ...box,
  first: FORM_BOXES.slice(0, i).reduce((sum, before) => sum + before.rows, 0),
}));

const FONT = { name: '宋体', size: 11 };
const BOLD = { ...FONT, bold: true };
const CENTRED = { horizontal: 'center', vertical: 'center' } as const;
const LEFT = { horizontal: 'left', vertical: 'center' } as const;

// The handful of cell formats the form uses; the table's cells are all bordered.
const STYLES = stylesheetXml({
  title: { font: { ...FONT, size: 18, bold: true }, alignment: CENTRED },
  centred: { font: { ...FONT, size: 12 }, alignment: CENTRED },
  line: { font: FONT, alignment: LEFT },
  paragraph: { font: FONT, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } },
  heading: {
    font: BOLD,
    alignment: { ...CENTRED, wrapText: true },
    border: 'thin',
    fill: 'FFF2F2F2',
  },
  cell: { font: FONT, alignment: { ...CENTRED, wrapText: true }, border: 'thin' },
  text: { font: FONT, alignment: { ...LEFT, wrapText: true }, border: 'thin' },
  size: {
    font: FONT,
    alignment: { horizontal: 'right', vertical: 'center' },
    border: 'thin',
    numberFormat: '#,##0',
  },
  bold: { font: BOLD, alignment: LEFT },
});

const style = STYLES.ids;

// A band row's styles, A..K: 干预内容 (F) and the detail values (J) are left-aligned text.
const BAND_STYLES = Array.from({ length: LAST_COLUMN }, (_, i) =>
  i + 1 === CONTENT_COLUMN || i + 1 === DETAIL_COLUMN ? style.text : style.cell,
);

const LINE_HEIGHT = 15;
const BAND_ROW_HEIGHT = 18;

const LAYOUT: SheetLayout = {
  columnWidths: COLUMN_WIDTHS,
  showGridLines: false,
  print: {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitTo: { width: 1, height: 0 },
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    footer: '第 &P 页，共 &N 页',
  },
};

/**
 * The ledger as an .xlsx file, A4 landscape, fitted to the page width, with the table's
 * heading row repeated on every printed page.
 *
 * The sheet's XML is written directly, row by row, and zipped by node:zlib: a 10,000-record
 * ledger is 880,000 cells and 100,000 merges, for which exceljs's cell objects and XML stream
 * took three times as long as writing the bare values.
 */
export async function renderLedgerXlsx(doc: LedgerDocument): Promise<Buffer> {
  const strings = new SharedStrings();
  const part = sheetPart();
  const sheet = new WorksheetXml(strings, LAYOUT, part);

  const coverEnd = writeCover(sheet, doc);
  sheet.breakAfter(coverEnd);
  const headingRow = writeTableHead(sheet, doc, coverEnd + 1);
  const tableEnd = writeBands(sheet, doc.rows, headingRow + 1);
  const notesEnd = writeInstructions(sheet, tableEnd + 1);
  const lastRow = writeEvidence(sheet, doc.evidence, notesEnd + 2);
  sheet.end();

  return xlsxPackage({
    sheetName: LEDGER_SHEET,
    sheet: part,
    sharedStrings: strings.toXml(),
    styles: STYLES.xml,
    printArea: `A1:K${lastRow}`,
    printTitleRows: [headingRow, headingRow],
    properties: workbookProperties(doc),
  });
}

function workbookProperties(doc: LedgerDocument): WorkbookProperties {
  return {
    creator: 'Liuhen 留痕',
    lastModifiedBy: 'Liuhen 留痕',
    title: `${LEDGER_TITLE}（${doc.unit.name} ${doc.period.text}）`,
    subject: LEDGER_TITLE,
    description:
      doc.reportVersion === null ? '预览：本季度尚未汇编' : `汇编第 ${doc.reportVersion} 版`,
  };
}

// Title, period, 记录单位, the lead sentence and the situations; returns the last row.
function writeCover(sheet: WorksheetXml, doc: LedgerDocument): number {
  writeWide(sheet, 1, LEDGER_TITLE, style.title, 36);
  writeWide(sheet, 2, doc.period.text, style.centred, 24);
  writeWide(sheet, 3, `记录单位：${doc.unit.name}`, style.line, 24);
  writeWide(sheet, 4, SITUATIONS_LEAD, style.paragraph, paragraphHeight(SITUATIONS_LEAD));

  let row = 4;
  for (const situation of doc.situations) {
    row += 1;
    const text = `${situation.label}${situation.text}`;
    writeWide(sheet, row, text, style.paragraph, paragraphHeight(text));
  }

  return row;
}

// The title again, 记录单位 and 记录机构, and the heading row; returns the heading row.
function writeTableHead(sheet: WorksheetXml, doc: LedgerDocument, top: number): number {
  writeWide(sheet, top, LEDGER_TITLE, style.title, 36);
  const units = placed([
    [1, `记录单位：${doc.unit.name}`],
    [7, `记录机构：${doc.office}`],
  ]);
  sheet.row(top + 1, 24, units, style.line);
  sheet.merge(top + 1, 1, top + 1, 6);
  sheet.merge(top + 1, 7, top + 1, LAST_COLUMN);

  // 干预形式 heads the boxes, the detail labels and their values: H:J.
  const heading = top + 2;
  const texts = [...LEDGER_COLUMNS.slice(0, 7), LEDGER_COLUMNS[7], '', '', LEDGER_COLUMNS[8]];
  sheet.row(heading, 30, texts, style.heading);
  sheet.merge(heading, BOX_COLUMN, heading, DETAIL_COLUMN);

  return heading;
}

// One band per record from row `top`, or the 「（无记录）」 row; returns the last row.
function writeBands(sheet: WorksheetXml, rows: readonly LedgerRow[], top: number): number {
  if (rows.length === 0) {
    writeWide(sheet, top, NO_RECORDS, style.cell, BAND_ROW_HEIGHT * 2);

    return top;
  }

  rows.forEach((row, i) => {
    writeBand(sheet, row, top + i * BAND_ROWS);
  });

  return top + rows.length * BAND_ROWS - 1;
}

// The band's eight rows, every cell bordered, the merged ones included.
function writeBand(sheet: WorksheetXml, record: LedgerRow, top: number): void {
  const height = bandRowHeight(record);
  const boxes: Array<string | undefined> = [];
  for (const box of BOXES) {
    boxes[box.first] = `${box.form === record.form ? CHECKED : UNCHECKED} ${box.label}`;
  }

  DETAIL_ROWS.forEach((detail, i) => {
    const fields =
      i === 0 ? BAND_FIELDS.map(([column, value]) => [column, value(record)] as const) : [];
    const values = placed(fields);
    values[BOX_COLUMN - 1] = boxes[i] ?? null;
    values[LABEL_COLUMN - 1] = detail.label;
    values[DETAIL_COLUMN - 1] = record.details[detail.key];
    sheet.row(top + i, height, values, BAND_STYLES);
  });

  const bottom = top + BAND_ROWS - 1;
  for (const [column] of BAND_FIELDS) sheet.merge(top, column, bottom, column);
  // Column H: each check box merged down the detail rows that belong to its form.
  for (const box of BOXES) {
    const first = top + box.first;
    if (box.rows > 1) sheet.merge(first, BOX_COLUMN, first + box.rows - 1, BOX_COLUMN);
  }
}

// 填报说明 under the table, one merged row per note; returns the last row.
function writeInstructions(sheet: WorksheetXml, top: number): number {
  writeWide(sheet, top, '填报说明：', style.bold, 20);
  LEDGER_INSTRUCTIONS.forEach((note, i) => {
    writeWide(sheet, top + 1 + i, note, style.paragraph, paragraphHeight(note));
  });

  return top + LEDGER_INSTRUCTIONS.length;
}

// The evidence the notice makes part of the ledger, listed file by file; returns the last row.
function writeEvidence(sheet: WorksheetXml, lines: readonly EvidenceLine[], top: number) {
  writeWide(sheet, top, EVIDENCE_HEADING, style.bold, 22);
  const headingStyles = EVIDENCE_SPANS.map(() => style.heading);
  writeEvidenceRow(sheet, top + 1, [...EVIDENCE_COLUMNS], headingStyles);
  if (lines.length === 0) {
    writeWide(sheet, top + 2, NO_EVIDENCE, style.cell, 24);

    return top + 2;
  }

  const lineStyles = [style.cell, style.text, style.cell, style.size, style.text];
  lines.forEach((line, i) => {
    const values = [line.seq, line.name, line.kind, line.size, line.sm3];
    writeEvidenceRow(sheet, top + 2 + i, values, lineStyles);
  });

  return top + 1 + lines.length;
}

// One value per EVIDENCE_SPANS entry, merged over its span, which is styled throughout so
// the borders print.
function writeEvidenceRow(
  sheet: WorksheetXml,
  rowNumber: number,
  values: readonly CellValue[],
  spanStyles: readonly number[],
): void {
  const cellStyles: number[] = [];
  EVIDENCE_SPANS.forEach(([first, last], i) => {
    for (let column = first; column <= last; column++) cellStyles[column - 1] = spanStyles[i]!;
  });
  const cells = placed(EVIDENCE_SPANS.map(([first], i) => [first, values[i] ?? null]));
  sheet.row(rowNumber, 30, cells, cellStyles);
  for (const [first, last] of EVIDENCE_SPANS) {
    if (last > first) sheet.merge(rowNumber, first, rowNumber, last);
  }
}

// A row whose text spans A:K.
function writeWide(
  sheet: WorksheetXml,
  rowNumber: number,
  text: string,
  cellStyle: number,
  height: number,
): void {
  sheet.row(rowNumber, height, placed([[1, text]]), cellStyle);
  sheet.merge(rowNumber, 1, rowNumber, LAST_COLUMN);
}

// The values of a row A..K: each given [column, value], the other cells empty.
function placed(entries: ReadonlyArray<readonly [number, CellValue]>): CellValue[] {
  const values: CellValue[] = new Array(LAST_COLUMN).fill(null);
  for (const [column, value] of entries) values[column - 1] = value;

  return values;
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
