/**
 * The summary (汇总表, 附件2 of 汴统〔2020〕26号) as a one-page A4 portrait PDF laid out as the
 * paper form (forms.md): title and period, 填报单位 with the seal stamped over it, the blocks
 * 干预人员 and 干预形式 side by side, 干预类型 below, the signature line, and the checkpoint the
 * submission pinned, as a QR code a phone can read back.
 *
 *     const pdf = await renderSummaryPdf(summary);
 */

import { PageSizes, PDFDocument, type PDFImage, type PDFPage, rgb } from 'pdf-lib';

import { toBeijingIso } from '../calendar/beijing-time.js';
import { ChineseFonts } from './chinese-font.js';
import { type Band, type BandLayout, type Cell, PdfTable } from './pdf-table.js';
import { drawQrCode, encodeQr } from './qr-code.js';
import {
  type CountBlock,
  SIGNATURE_ORDER,
  type SignatureLine,
  SUMMARY_TITLE,
  type SummaryDocument,
} from './summary-document.js';
import { TextWidths } from './text-widths.js';

const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;

const MARGIN = 50;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const BLOCK_GAP = 20;

// A seal is 4 cm across (GA 241 sets 4.2 cm for an authority's seal; scans come slightly under).
const SEAL_WIDTH = 113;

const QR_WIDTH = 100;

const INK = rgb(0, 0, 0);
const MUTED = rgb(0.35, 0.35, 0.35);

const TABLE_STYLE = { size: 10.5, leading: 14, padding: { x: 5, y: 3 }, rowHeight: 20 };

/** The summary as PDF bytes, one A4 page. */
export async function renderSummaryPdf(doc: SummaryDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  describeDocument(pdf, doc);
  const widths = new TextWidths(await ChineseFonts.embed(pdf, summaryTexts(doc)));
  const page = pdf.addPage(PageSizes.A4);
  const seal = await embedSeal(pdf, doc.seal);

  drawHead(page, widths, doc, seal);
  let y = await drawSideBlocks(page, widths, doc.persons, doc.forms, PAGE_HEIGHT - 196);
  y = await drawSituations(page, widths, doc.situations, y - 16);
  drawSignatures(page, widths, doc.signatures, y - 32);
  if (doc.checkpoint !== null) {
    drawCheckpoint(page, widths, doc.checkpoint);
  }

  return pdf.save();
}

function describeDocument(pdf: PDFDocument, doc: SummaryDocument): void {
  pdf.setTitle(`${SUMMARY_TITLE}（${doc.filler.name} ${doc.period.text}）`);
  pdf.setLanguage('zh-CN');
  pdf.setCreator('留痕 Liuhen');
}

// Every text of the page, so the font files they need are embedded up front.
function summaryTexts(doc: SummaryDocument): string[] {
  const blocks = [doc.persons, doc.forms, doc.situations].flatMap((block) => [
    block.title,
    block.rowHeading,
    block.countHeading,
    ...block.rows.map((row) => row.label),
  ]);
  const signatures = doc.signatures.flatMap((line) => [line.title, line.name ?? '']);

  return [doc.filler.name, doc.period.text, ...blocks, ...signatures];
}

async function embedSeal(pdf: PDFDocument, seal: SummaryDocument['seal']) {
  if (seal === null) {
    return undefined;
  }

  if (seal.mediaType === 'image/png') {
    return pdf.embedPng(seal.bytes);
  }

  if (seal.mediaType === 'image/jpeg') {
    return pdf.embedJpg(seal.bytes);
  }

  throw new RangeError(`seal image: got ${seal.mediaType}, want image/png or image/jpeg`);
}

function drawHead(page: PDFPage, widths: TextWidths, doc: SummaryDocument, seal?: PDFImage) {
  centred(page, widths, SUMMARY_TITLE, PAGE_HEIGHT - 72, 20);
  centred(page, widths, doc.period.text, PAGE_HEIGHT - 100, 13);

  // Low enough above the blocks that the seal over the name stays clear of them.
  const y = PAGE_HEIGHT - 136;
  const style = { size: 12, color: INK };
  const label = widths.fonts.draw(page, '填报单位（公章）：', { ...style, x: MARGIN, y });
  const name = widths.fonts.draw(page, doc.filler.name, { ...style, x: MARGIN + label.width, y });
  if (doc.units !== undefined) {
    const units = `汇总单位数：${doc.units}`;
    const x = PAGE_WIDTH - MARGIN - widths.of(units, 12);
    widths.fonts.draw(page, units, { ...style, x, y });
  }

  if (seal !== undefined) {
    drawSeal(page, seal, MARGIN + label.width + name.width / 2, y + 4);
  }
}

// The seal is stamped over the unit's name as on paper, its centre on the name's middle; the
// image's transparent ground lets the name show through.
function drawSeal(page: PDFPage, seal: PDFImage, x: number, y: number): void {
  const height = (SEAL_WIDTH * seal.height) / seal.width;
  page.drawImage(seal, { x: x - SEAL_WIDTH / 2, y: y - height / 2, width: SEAL_WIDTH, height });
}

/** 干预人员 and 干预形式 side by side, stretched to one height; returns their bottom. */
async function drawSideBlocks(
  page: PDFPage,
  widths: TextWidths,
  left: CountBlock,
  right: CountBlock,
  top: number,
): Promise<number> {
  const width = (CONTENT_WIDTH - BLOCK_GAP) / 2;
  const table = new PdfTable(widths, [width * 0.62, width * 0.38], TABLE_STYLE);
  const bands = [countBand(left), countBand(right)];
  const height = Math.max(...bands.map((band) => table.layout(band).height));

  for (const [i, band] of bands.entries()) {
    await table.draw(page, stretched(table, band, height), MARGIN + i * (width + BLOCK_GAP), top);
  }

  return top - height;
}

// The block with its count rows grown alike so that the whole is `height` tall, as the form
// gives the shorter block taller rows.
function stretched(table: PdfTable, band: Band, height: number): BandLayout {
  const layout = table.layout(band);
  const counts = band.rows - 3;
  const extra = (height - layout.height) / counts;
  if (extra <= 0) {
    return layout;
  }

  const isCount = (i: number) => i >= 2 && i < band.rows - 1;
  const rowHeights = layout.rowHeights.map((h, i) => (isCount(i) ? h + extra : h));

  return table.layout({ ...band, rowHeights });
}

/** 干预类型 at full width, a row per situation with its whole text; returns its bottom. */
async function drawSituations(page: PDFPage, widths: TextWidths, block: CountBlock, top: number) {
  const table = new PdfTable(widths, [CONTENT_WIDTH - 80, 80], TABLE_STYLE);
  const layout = table.layout(countBand(block, 'left'));
  await table.draw(page, layout, MARGIN, top);

  return top - layout.height;
}

/** A block of the form: its title across both columns, the headings, a row per label, 合计. */
function countBand(block: CountBlock, align: Cell['align'] = 'centre'): Band {
  const cells: Cell[] = [
    { text: block.title, column: 0, columns: 2 },
    { text: block.rowHeading, column: 0, row: 1 },
    { text: block.countHeading, column: 1, row: 1 },
  ];
  block.rows.forEach((line, i) => {
    cells.push({ text: line.label, column: 0, row: 2 + i, align });
    cells.push({ text: String(line.count), column: 1, row: 2 + i });
  });
  const last = 2 + block.rows.length;
  cells.push({ text: block.total.label, column: 0, row: last });
  cells.push({ text: String(block.total.count), column: 1, row: last });

  return { rows: last + 1, cells };
}

// The three signatures on one line; a name and its time once signed, else room for a pen.
function drawSignatures(
  page: PDFPage,
  widths: TextWidths,
  lines: readonly SignatureLine[],
  y: number,
) {
  const column = CONTENT_WIDTH / SIGNATURE_ORDER.length;
  SIGNATURE_ORDER.forEach((role, i) => {
    const line = lines.find((candidate) => candidate.role === role);
    const x = MARGIN + i * column;
    const title = `${line?.title ?? role}：`;
    const drawn = widths.fonts.draw(page, title, { x, y, size: 11, color: INK });
    if (line?.name != null) {
      widths.fonts.draw(page, line.name, { x: x + drawn.width, y, size: 11, color: INK });
    } else {
      const end = x + column - 12;
      const start = { x: x + drawn.width, y: y - 3 };
      page.drawLine({ start, end: { x: end, y: y - 3 }, thickness: 0.5, color: MUTED });
    }

    if (line?.at != null) {
      const at = { x: x + drawn.width, y: y - 16, size: 9, color: MUTED };
      widths.fonts.draw(page, beijingMinute(line.at), at);
    }
  });
}

/** The signed checkpoint as a QR code at the foot, its size and root hash beside it. */
function drawCheckpoint(page: PDFPage, widths: TextWidths, note: string): void {
  const symbol = encodeQr(note);
  if (symbol !== undefined) {
    drawQrCode(page, symbol, { x: MARGIN, y: MARGIN, width: QR_WIDTH });
  }

  const [, size, root] = note.split('\n');
  const x = MARGIN + QR_WIDTH + 12;
  const top = MARGIN + QR_WIDTH - 30;
  const style = { size: 9, color: MUTED };
  widths.fonts.draw(page, `日志检查点：共 ${size} 条`, { ...style, x, y: top });
  const hex = Buffer.from(root ?? '', 'base64').toString('hex');
  widths.fonts.draw(page, `根哈希（SM3）：${hex}`, { ...style, size: 8, x, y: top - 15 });
  const scan = '扫描二维码可得已签名的检查点全文，可用 liuhen 离线核对';
  widths.fonts.draw(page, scan, { ...style, x, y: top - 30 });
}

// Signatures carry UTC instants; the form shows Beijing time to the minute: 2020-07-02 10:10.
function beijingMinute(instant: string): string {
  return toBeijingIso(new Date(instant)).slice(0, 16).replace('T', ' ');
}

function centred(page: PDFPage, widths: TextWidths, text: string, y: number, size: number) {
  const x = PAGE_WIDTH / 2 - widths.of(text, size) / 2;
  widths.fonts.draw(page, text, { x, y, size, color: INK });
}
