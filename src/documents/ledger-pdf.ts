/**
 * The ledger (记录台账, 附件1 of 汴统〔2020〕26号) as an A4 landscape PDF laid out as the paper
 * form (forms.md): a cover with the situations, the table with one band of eight sub-rows per
 * record, 填报说明, the evidence list and, for a submission, the evidence itself, which the
 * notice makes part of the ledger (填报说明 6).
 *
 *     const pdf = await renderLedgerPdf(ledger, { attachments });
 */

import { PageSizes, PDFDocument, type PDFPage, rgb } from 'pdf-lib';

import { ChineseFonts, missingGlyphs, placeholderFor } from './chinese-font.js';
import { appendEvidence, type EvidenceAttachment, sizeText } from './evidence-appendix.js';
import {
  DETAIL_ROWS,
  type EvidenceLine,
  FORM_BOXES,
  LEDGER_COLUMNS,
  LEDGER_INSTRUCTIONS,
  LEDGER_TITLE,
  type LedgerDocument,
  type LedgerRow,
  SITUATIONS_LEAD,
} from './ledger-document.js';
import { PageFlow } from './page-flow.js';
import { type Band, type Cell, PdfTable } from './pdf-table.js';
import { TextWidths } from './text-widths.js';

export type { EvidenceAttachment } from './evidence-appendix.js';

export interface LedgerPdfOptions {
  /** The evidence files, appended after the ledger in this order. */
  readonly attachments?: readonly EvidenceAttachment[];
}

const LANDSCAPE: [number, number] = [PageSizes.A4[1], PageSizes.A4[0]];

// 10 mm margins, as much table as a landscape page holds; the page number sits in the margin.
const MARGIN = 28;

const INK = rgb(0, 0, 0);
const MUTED = rgb(0.35, 0.35, 0.35);

// The columns of the table, left to right: LEDGER_COLUMNS with 干预形式 split into the check
// boxes, the detail labels and the detail values. 干预内容 takes what the others leave.
const FIXED_COLUMNS = [24, 52, 84, 34, 40, 0, 84, 54, 62, 96, 80];
const CONTENT_COLUMN = 5;
const FORM_COLUMN = 7;
const RECORDER_COLUMN = 10;

// 8 pt text, 10 pt leading: a band of eight one-line sub-rows is 104 pt, four to a page.
const TABLE_STYLE = { size: 8, leading: 10, padding: { x: 3, y: 1.5 }, rowHeight: 13, color: INK };

const EVIDENCE_COLUMNS = [52, 0, 90, 72, 300];

/** The ledger as PDF bytes, the evidence files appended when given. */
export async function renderLedgerPdf(
  doc: LedgerDocument,
  options: LedgerPdfOptions = {},
): Promise<Uint8Array> {
  const attachments = options.attachments ?? [];
  const texts = ledgerTexts(doc, attachments);
  const pdf = await PDFDocument.create();
  describeDocument(pdf, doc);
  const widths = new TextWidths(await ChineseFonts.embed(pdf, texts));

  drawCover(pdf, widths, doc);
  const flow = new PageFlow(pdf, widths, {
    size: LANDSCAPE,
    margin: MARGIN,
    footer: 14,
    start: (page) => drawRunningHead(page, widths, doc),
  });
  flow.newPage();
  await drawRecords(flow, doc.rows);
  drawInstructions(flow);
  await drawEvidenceList(flow, doc.evidence);
  drawSubstitutionNote(flow, texts);

  const originals = await appendEvidence(pdf, widths, attachments);
  numberPages(pdf, widths, originals);

  return pdf.save();
}

// The columns of the record table, in points, filling the page between the margins.
function ledgerColumnWidths(): number[] {
  return fill(FIXED_COLUMNS, CONTENT_COLUMN);
}

// Every text the document may draw, so the font files they need are embedded up front.
function ledgerTexts(doc: LedgerDocument, attachments: readonly EvidenceAttachment[]): string[] {
  const rows = doc.rows.flatMap((row) => [
    row.interferer,
    row.post,
    row.level,
    row.situation,
    row.content,
    row.occurredAt,
    row.recorder,
    ...Object.values(row.details),
  ]);
  const situations = doc.situations.map((s) => s.label + s.text);
  const evidence = doc.evidence.flatMap((line) => [line.name, line.kind]);

  return [
    doc.unit.name,
    doc.office,
    doc.period.text,
    ...situations,
    ...rows,
    ...evidence,
    ...attachments.map((file) => file.name),
  ];
}

function describeDocument(pdf: PDFDocument, doc: LedgerDocument): void {
  pdf.setTitle(`${LEDGER_TITLE}（${doc.unit.name} ${doc.period.text}）`);
  pdf.setLanguage('zh-CN');
  pdf.setCreator('留痕 Liuhen');
}

function drawCover(pdf: PDFDocument, widths: TextWidths, doc: LedgerDocument): void {
  const flow = new PageFlow(pdf, widths, {
    size: LANDSCAPE,
    margin: 72,
    footer: 14,
    start: (page) => page.getHeight() - 60,
  });
  flow.newPage();
  const centre = LANDSCAPE[0] / 2;
  centred(flow.page, widths, LEDGER_TITLE, centre, flow.y - 40, 24);
  centred(flow.page, widths, doc.period.text, centre, flow.y - 80, 15);
  flow.skip(110);

  const style = { size: 13, leading: 26, color: INK };
  flow.paragraph(`记录单位：${doc.unit.name}`, style);
  flow.skip(12);
  flow.paragraph(SITUATIONS_LEAD, style);
  doc.situations.forEach((situation, i) => {
    const end = i === doc.situations.length - 1 ? '。' : '；';
    flow.paragraph(`${situation.label} ${situation.text}${end}`, { ...style, leading: 22 }, 26);
  });
}

// The head of every table page: the title, then 记录单位 and 记录机构 on one line.
function drawRunningHead(page: PDFPage, widths: TextWidths, doc: LedgerDocument): number {
  const top = page.getHeight() - MARGIN;
  centred(page, widths, LEDGER_TITLE, page.getWidth() / 2, top - 14, 15);
  const style = { size: 9.5, color: INK };
  widths.fonts.draw(page, `记录单位：${doc.unit.name}`, { ...style, x: MARGIN, y: top - 34 });
  const office = { ...style, x: page.getWidth() / 2, y: top - 34 };
  widths.fonts.draw(page, `记录机构：${doc.office}`, office);

  return top - 42;
}

async function drawRecords(flow: PageFlow, rows: readonly LedgerRow[]): Promise<void> {
  const table = new PdfTable(flow.widths, ledgerColumnWidths(), TABLE_STYLE);
  const header = table.layout(headerBand());
  const bands = rows.length === 0 ? [emptyBand(table)] : rows.map(recordBand);

  await table.flow(flow, header, laidOut(table, bands));
}

// Bands are laid out one at a time as the flow reaches them, never all at once.
function* laidOut(table: PdfTable, bands: Iterable<Band>) {
  for (const band of bands) {
    yield table.layout(band);
  }
}

// 干预形式 heads the check boxes, the detail labels and their values together.
function headerBand(): Band {
  const cells: Cell[] = LEDGER_COLUMNS.map((text, i) => {
    if (text === '干预形式') {
      return { text, column: FORM_COLUMN, columns: 3, fixed: true };
    }

    return { text, column: i < FORM_COLUMN ? i : RECORDER_COLUMN, fixed: true };
  });

  return { rows: 1, cells };
}

/** One record: single cells merged down the eight sub-rows, the form's boxes beside details. */
function recordBand(row: LedgerRow): Band {
  const whole = (column: number, text: string, align?: Cell['align']): Cell => ({
    text,
    column,
    rows: DETAIL_ROWS.length,
    align,
  });

  return {
    rows: DETAIL_ROWS.length,
    cells: [
      whole(0, String(row.seq)),
      whole(1, row.interferer),
      whole(2, row.post),
      whole(3, row.level),
      whole(4, row.situation),
      whole(CONTENT_COLUMN, row.content, 'left'),
      whole(6, row.occurredAt),
      ...formBoxes(row),
      ...detailCells(row),
      whole(RECORDER_COLUMN, row.recorder),
    ],
  };
}

function formBoxes(row: LedgerRow): Cell[] {
  let first = 0;

  return FORM_BOXES.map((box) => {
    const cell = { text: box.label, column: FORM_COLUMN, row: first, rows: box.rows, fixed: true };
    first += box.rows;

    return { ...cell, check: box.form === row.form };
  });
}

function detailCells(row: LedgerRow): Cell[] {
  return DETAIL_ROWS.flatMap((detail, i): Cell[] => [
    { text: detail.label, column: FORM_COLUMN + 1, row: i, align: 'left', fixed: true },
    { text: row.details[detail.key], column: FORM_COLUMN + 2, row: i, align: 'left' },
  ]);
}

// A ledger without records still prints the table, saying so: the notice's 零报告 rule.
function emptyBand(table: PdfTable): Band {
  const text = '本期无违规干预统计工作记录（零报告）';

  return { rows: 1, cells: [{ text, column: 0, columns: table.columns.length }] };
}

function drawInstructions(flow: PageFlow): void {
  flow.skip(10);
  flow.ensure(60);
  flow.paragraph('填报说明：', { size: 10, leading: 16, color: INK });
  for (const note of LEDGER_INSTRUCTIONS) {
    flow.paragraph(note, { size: 9, leading: 14, color: INK });
  }
}

async function drawEvidenceList(flow: PageFlow, evidence: readonly EvidenceLine[]) {
  flow.skip(14);
  flow.ensure(60);
  flow.paragraph('证据材料：', { size: 10, leading: 16, color: INK });
  if (evidence.length === 0) {
    flow.paragraph('（无证据材料）', { size: 9, leading: 14, color: INK });
    return;
  }

  flow.skip(4);
  const table = new PdfTable(flow.widths, fill(EVIDENCE_COLUMNS, 1), TABLE_STYLE);
  const header = ['记录序号', '文件名', '类型', '大小', 'SM3 哈希'];
  const cells = header.map((text, column) => ({ text, column, fixed: true }));

  await table.flow(
    flow,
    table.layout({ rows: 1, cells }),
    laidOut(table, evidence.map(evidenceBand)),
  );
}

function evidenceBand(line: EvidenceLine): Band {
  return {
    rows: 1,
    cells: [
      { text: String(line.seq), column: 0 },
      { text: line.name, column: 1, align: 'left' },
      { text: line.kind, column: 2 },
      { text: sizeText(line.size), column: 3, align: 'right' },
      { text: line.sm3, column: 4, size: 7 },
    ],
  };
}

// A placeholder on a page is explained on the page, so nobody takes it for the name.
function drawSubstitutionNote(flow: PageFlow, texts: readonly string[]): void {
  // Line breaks and tabs are layout, never drawn, so never missing.
  const missing = missingGlyphs(texts.join('').replace(/\p{Cc}/gu, ''));
  if (missing.length === 0) {
    return;
  }

  const shown = missing.map(placeholderFor).join('、');
  flow.skip(10);
  const note = `注：字库中没有的字符印作其 Unicode 编码：${shown}。`;
  flow.paragraph(note, { size: 9, leading: 14, color: MUTED });
}

// 「第 N 页 共 M 页」 at the foot of every page but the originals copied from PDF evidence,
// which are reproduced untouched; the appendix names the page numbers they take.
function numberPages(pdf: PDFDocument, widths: TextWidths, originals: ReadonlySet<number>) {
  const pages = pdf.getPages();
  pages.forEach((page, i) => {
    if (!originals.has(i)) {
      const text = `第 ${i + 1} 页 共 ${pages.length} 页`;
      centred(page, widths, text, page.getWidth() / 2, MARGIN - 12, 8, MUTED);
    }
  });
}

function centred(
  page: PDFPage,
  widths: TextWidths,
  text: string,
  centre: number,
  y: number,
  size: number,
  color = INK,
): void {
  const x = centre - widths.of(text, size) / 2;
  widths.fonts.draw(page, text, { x, y, size, color });
}

// Column widths with the `stretch` column taking what the page leaves between the margins.
function fill(columns: readonly number[], stretch: number): number[] {
  const fixed = columns.reduce((sum, width) => sum + width, 0);
  const room = LANDSCAPE[0] - 2 * MARGIN;

  return columns.map((width, i) => (i === stretch ? room - fixed : width));
}
