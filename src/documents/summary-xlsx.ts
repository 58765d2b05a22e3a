/**
 * The summary (附件2) as an Excel workbook: one sheet 汇总表 laid out as the paper form
 * (forms.md) on one A4 portrait page, ready to print, sign and stamp. Columns: A and B the
 * 干预人员 block (级别 | 人数), C a narrow gap, D and E the 干预形式 block (形式 | 次数); the
 * 干预类型 block runs full width below, its type text merged over A:D and its count in E.
 *
 * Rows from the top: title, period, 「填报单位（公章）：」, for a regional summary
 * 「汇总单位数：」, an empty row, the two blocks side by side (title row, heading row, the rows,
 * 合计 on one shared last row), an empty row, the 干预类型 block, an empty row, the signature
 * line, and once the submission pinned one, the checkpoint note with its QR code.
 */
import ExcelJS from 'exceljs';
import QRCode from 'qrcode';
import { encodeQr } from './qr-code.js';
import {
  type CountBlock,
  SIGNATURE_ORDER,
  SIGNATURE_TITLES,
  type SignatureLine,
  SUMMARY_TITLE,
  type SummaryDocument,
} from './summary-document.js';

export const SUMMARY_SHEET = '汇总表';
export const CHECKPOINT_HEADING = '日志检查点';

// A 级别/类型, B 人数, C gap, D 形式, E 次数; E is wide enough for a signing time.
const COLUMN_WIDTHS = [24, 10, 3, 26, 20];
const LAST_COLUMN = 5;

// One style object per kind of cell, shared, so exceljs looks each up once (see ledger-xlsx).
const FONT = { name: '宋体', size: 11 };
const BOLD = { ...FONT, bold: true };
const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const CENTRE = { horizontal: 'center', vertical: 'middle', wrapText: true } as const;
const LEFT = { horizontal: 'left', vertical: 'middle', wrapText: true } as const;

const styles = {
  title: { font: { ...FONT, size: 18, bold: true }, alignment: CENTRE },
  centred: { font: { ...FONT, size: 12 }, alignment: CENTRE },
  line: { font: { ...FONT, size: 12 }, alignment: LEFT },
  heading: {
    font: BOLD,
    alignment: CENTRE,
    border: BORDER,
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
  },
  cell: { font: FONT, alignment: CENTRE, border: BORDER },
  text: { font: FONT, alignment: LEFT, border: BORDER },
  signature: { font: FONT, alignment: { ...LEFT, vertical: 'top' } },
  note: { font: { name: 'Courier New', size: 9 }, alignment: { ...LEFT, vertical: 'top' } },
  bold: { font: BOLD, alignment: LEFT },
} satisfies Record<string, Partial<ExcelJS.Style>>;

type CellStyle = Partial<ExcelJS.Style>;

const LINE_HEIGHT = 15;
const QR_PIXELS = 120;

// exceljs names an image's format by its file extension.
const IMAGE_EXTENSIONS: Readonly<Record<string, 'png' | 'jpeg' | 'gif'>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
};

/** The summary as an .xlsx file, A4 portrait, fitted to one page. */
export async function renderSummaryXlsx(doc: SummaryDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  describeWorkbook(workbook, doc);
  const sheet = workbook.addWorksheet(SUMMARY_SHEET, {
    views: [{ showGridLines: false }],
    pageSetup: PAGE_SETUP,
  });
  sheet.columns = COLUMN_WIDTHS.map((width) => ({ width }));

  const headEnd = writeHead(sheet, doc);
  const blocksEnd = writeSideBySide(sheet, doc.persons, doc.forms, headEnd + 2);
  const situationsEnd = writeSituations(sheet, doc.situations, blocksEnd + 2);
  let lastRow = writeSignatures(sheet, doc.signatures, situationsEnd + 2);
  if (doc.checkpoint) lastRow = await writeCheckpoint(workbook, sheet, doc.checkpoint, lastRow + 2);
  if (doc.seal) stampSeal(workbook, sheet, doc.seal);
  sheet.pageSetup.printArea = `A1:E${lastRow}`;

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const PAGE_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'portrait',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 1,
  horizontalCentered: true,
  margins: { left: 0.6, right: 0.6, top: 0.8, bottom: 0.8, header: 0.3, footer: 0.3 },
};

function describeWorkbook(workbook: ExcelJS.Workbook, doc: SummaryDocument): void {
  workbook.creator = 'Liuhen 留痕';
  workbook.lastModifiedBy = 'Liuhen 留痕';
  workbook.title = `${SUMMARY_TITLE}（${doc.filler.name} ${doc.period.text}）`;
  workbook.subject = SUMMARY_TITLE;
  workbook.description =
    doc.reportVersion === null ? '预览：本季度尚未汇编' : `汇编第 ${doc.reportVersion} 版`;
}

// Title, period, 填报单位 and for a region the number of units; returns the last row.
function writeHead(sheet: ExcelJS.Worksheet, doc: SummaryDocument): number {
  writeSpan(sheet, 1, 1, LAST_COLUMN, SUMMARY_TITLE, styles.title, 40);
  writeSpan(sheet, 2, 1, LAST_COLUMN, doc.period.text, styles.centred, 24);
  writeSpan(sheet, 3, 1, LAST_COLUMN, `填报单位（公章）：${doc.filler.name}`, styles.line, 30);
  if (doc.units === undefined) return 3;

  writeSpan(sheet, 4, 1, LAST_COLUMN, `汇总单位数：${doc.units}`, styles.line, 24);

  return 4;
}

/**
 * 干预人员 in A:B and 干预形式 in D:E from row `top`, the shorter block padded with empty
 * bordered rows so both 合计 rows share the last row, as on the form; returns that row.
 */
function writeSideBySide(
  sheet: ExcelJS.Worksheet,
  left: CountBlock,
  right: CountBlock,
  top: number,
): number {
  const rows = Math.max(left.rows.length, right.rows.length);
  writeBlock(sheet, left, 1, top, rows);
  writeBlock(sheet, right, 4, top, rows);
  for (let row = top; row <= top + rows + 2; row++) sheet.getRow(row).height = 22;

  return top + rows + 2;
}

// One block in columns `column` and `column + 1`: title, headings, `rows` rows and 合计.
function writeBlock(
  sheet: ExcelJS.Worksheet,
  block: CountBlock,
  column: number,
  top: number,
  rows: number,
): void {
  writeCell(sheet, top, column, block.title, styles.heading);
  writeCell(sheet, top, column + 1, '', styles.heading);
  sheet.mergeCells(top, column, top, column + 1);
  writeCell(sheet, top + 1, column, block.rowHeading, styles.heading);
  writeCell(sheet, top + 1, column + 1, block.countHeading, styles.heading);

  for (let i = 0; i < rows; i++) {
    const row = block.rows[i];
    writeCell(sheet, top + 2 + i, column, row?.label ?? '', styles.cell);
    writeCell(sheet, top + 2 + i, column + 1, row?.count ?? '', styles.cell);
  }

  writeCell(sheet, top + 2 + rows, column, block.total.label, styles.heading);
  writeCell(sheet, top + 2 + rows, column + 1, block.total.count, styles.heading);
}

// 干预类型 full width: the situation's full text over A:D, its count in E; returns 合计's row.
function writeSituations(sheet: ExcelJS.Worksheet, block: CountBlock, top: number): number {
  writeSpan(sheet, top, 1, LAST_COLUMN, block.title, styles.heading, 22);
  writeSpan(sheet, top + 1, 1, 4, block.rowHeading, styles.heading, 22);
  writeCell(sheet, top + 1, LAST_COLUMN, block.countHeading, styles.heading);

  block.rows.forEach((row, i) => {
    const height = lineCount(row.label, sumOf(COLUMN_WIDTHS.slice(0, 4))) * LINE_HEIGHT + 8;
    writeSpan(sheet, top + 2 + i, 1, 4, row.label, styles.text, Math.max(22, height));
    writeCell(sheet, top + 2 + i, LAST_COLUMN, row.count, styles.cell);
  });

  const totalRow = top + 2 + block.rows.length;
  writeSpan(sheet, totalRow, 1, 4, block.total.label, styles.heading, 22);
  writeCell(sheet, totalRow, LAST_COLUMN, block.total.count, styles.heading);

  return totalRow;
}

// The three signatures on one row, in the form's order, each with its Beijing signing time
// under the name once signed; an unsigned line leaves room for a handwritten signature.
function writeSignatures(
  sheet: ExcelJS.Worksheet,
  lines: readonly SignatureLine[],
  row: number,
): number {
  const spans: ReadonlyArray<[number, number]> = [
    [1, 1],
    [2, 4],
    [5, 5],
  ];
  SIGNATURE_ORDER.forEach((role, i) => {
    const [first, last] = spans[i]!;
    const line = lines.find((l) => l.role === role);
    writeCell(sheet, row, first, signatureText(role, line), styles.signature);
    if (last > first) sheet.mergeCells(row, first, row, last);
  });
  sheet.getRow(row).height = 40;

  return row;
}

function signatureText(role: SignatureLine['role'], line: SignatureLine | undefined): string {
  const title = `${SIGNATURE_TITLES[role]}：`;
  if (!line?.name) return title;

  return line.at ? `${title}${line.name}\n${beijingMinute(line.at)}` : `${title}${line.name}`;
}

/** `2020-07-02T02:10:00.000Z` → `2020-07-02 10:10`: China keeps UTC+8 all year. */
export function beijingMinute(instant: string): string {
  const shifted = new Date(Date.parse(instant) + 8 * 60 * 60 * 1000).toISOString();

  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

/**
 * The checkpoint note the submission pinned: a heading, the tree size (the note's second line,
 * C2SP tlog-checkpoint), the full text over A:D and its QR code in E; returns the last row.
 */
async function writeCheckpoint(
  workbook: ExcelJS.Workbook,
  sheet: ExcelJS.Worksheet,
  checkpoint: string,
  top: number,
): Promise<number> {
  writeSpan(sheet, top, 1, LAST_COLUMN, CHECKPOINT_HEADING, styles.bold, 22);
  const size = checkpoint.split('\n')[1] ?? '';
  const sizeText = /^\d+$/.test(size) ? `${size} 条` : '未记载';
  writeSpan(sheet, top + 1, 1, LAST_COLUMN, `树大小：${sizeText}`, styles.signature, 18);

  const text = checkpoint.trimEnd();
  const lines = lineCount(text, sumOf(COLUMN_WIDTHS.slice(0, 4)));
  const qr = await qrPng(text);
  const qrHeight = qr ? qr.pixels * 0.75 + 6 : 0;
  writeSpan(sheet, top + 2, 1, 4, text, styles.note, Math.max(lines * 12 + 6, qrHeight));
  if (qr) {
    const imageId = workbook.addImage({ buffer: copyOf(qr.png), extension: 'png' });
    sheet.addImage(imageId, {
      tl: { col: LAST_COLUMN - 1 + 0.05, row: top + 1 },
      ext: { width: qr.pixels, height: qr.pixels },
      editAs: 'oneCell',
    });
  }

  return top + 2;
}

// The QR code of the note as PNG, through qrcode's own PNG renderer, at the error-correction
// level encodeQr picks for the PDF; undefined when the note is too long for a QR code.
async function qrPng(text: string): Promise<{ png: Buffer; pixels: number } | undefined> {
  const symbol = encodeQr(text);
  if (!symbol) return undefined;

  const modules = symbol.size + 8;
  const scale = Math.max(2, Math.floor(QR_PIXELS / modules));
  const segments = [{ mode: 'byte' as const, data: Buffer.from(text, 'utf8') }];
  const png = await QRCode.toBuffer(segments, {
    errorCorrectionLevel: symbol.errorCorrection,
    margin: 4,
    scale,
  });

  return { png, pixels: modules * scale };
}

// The red seal over 「填报单位（公章）：」 and the unit's name, as a stamp lands on paper.
function stampSeal(
  workbook: ExcelJS.Workbook,
  sheet: ExcelJS.Worksheet,
  seal: NonNullable<SummaryDocument['seal']>,
): void {
  const extension = IMAGE_EXTENSIONS[seal.mediaType];
  if (!extension) {
    throw new Error(`unsupported seal media type: got ${seal.mediaType}, want image/png or jpeg`);
  }

  const imageId = workbook.addImage({ buffer: copyOf(seal.bytes), extension });
  sheet.addImage(imageId, {
    tl: { col: 0.75, row: 0.9 },
    ext: { width: 110, height: 110 },
    editAs: 'oneCell',
  });
}

function writeSpan(
  sheet: ExcelJS.Worksheet,
  row: number,
  first: number,
  last: number,
  value: string,
  style: CellStyle,
  height: number,
): void {
  for (let column = first; column <= last; column++) {
    writeCell(sheet, row, column, column === first ? value : '', style);
  }
  if (last > first) sheet.mergeCells(row, first, row, last);
  sheet.getRow(row).height = height;
}

// An empty string leaves the cell empty but styled, so a padding row keeps its borders.
function writeCell(
  sheet: ExcelJS.Worksheet,
  row: number,
  column: number,
  value: string | number,
  style: CellStyle,
): void {
  const cell = sheet.getCell(row, column);
  if (value !== '') cell.value = value;
  cell.style = style;
}

// exceljs types an image's bytes as an ArrayBuffer of their own. The copy matters: a Node
// Buffer is often a view into a shared 8 KiB pool, whose whole ArrayBuffer exceljs would store.
function copyOf(bytes: Uint8Array): ArrayBuffer {
  return new Uint8Array(bytes).buffer;
}

function sumOf(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0);
}

// How many lines `text` takes in `width` characters, a Chinese character about two digits
// wide; the same estimate as the ledger's, erring towards one line too many.
function lineCount(text: string, width: number): number {
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let units = 0;
    for (const char of paragraph) units += char.charCodeAt(0) >= 0x2000 ? 2.2 : 1.1;
    lines += Math.max(1, Math.ceil(units / Math.max(1, width - 2)));
  }

  return lines;
}
