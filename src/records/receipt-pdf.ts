/**
 * The printable receipt of a signed record: one A4 page a recorder keeps at home, where nobody
 * can tidy it up. It names the record, prints what the receipt proves (log, entry index, tree
 * size, root hash, checkpoint time, signing key) and carries the receipt itself as a QR code,
 * so the paper alone lets anyone check the record with `liuhen receipt verify`.
 *
 * The page never shows what the record says: the receipt proves the record exists unchanged,
 * and the paper may be seen by others.
 */

import { PageSizes, PDFDocument, rgb } from 'pdf-lib';

import { beijingDate, toBeijingIso } from '../calendar/beijing-time.js';
import { parsePeriod, periodLabel } from '../calendar/period.js';
import { ChineseFonts, type Substitution } from '../documents/chinese-font.js';
import { PageText } from '../documents/page-text.js';
import { drawQrCode, encodeQr, type QrSymbol } from '../documents/qr-code.js';
import { type Checkpoint, parseCheckpoint } from '../ledger/checkpoint.js';
import { leafHash } from '../ledger/hash-algorithm.js';
import { type Receipt, verifyReceipt } from '../ledger/receipt.js';
import { keyIdOf } from '../ledger/signer.js';

/**
 * What the page says about the record, formatted by the caller except where noted.
 *
 * Limitation: the page has room for about five wrapped lines more than one line per value;
 * values longer than that (a unit name of some 200 characters) run into the footer.
 */
export interface ReceiptSummary {
  readonly recordId: string;
  readonly unitName: string;
  /** The period, `2020Q2`; printed as 2020年二季度（2020Q2）. */
  readonly period: string;
  /** Beijing local time as recorded, `2020-05-12T15` or `2020-05-12`; printed in Chinese. */
  readonly occurredAt: string;
  /** 口头干预, 来文来函 or 通讯信息. */
  readonly formLabel: string;
  readonly recorderName: string;
  /** The UTC instant of the recorder's signature, ISO 8601; printed in Beijing time. */
  readonly signedAt: string;
}

/**
 * What the QR code holds when the whole receipt does not fit in one: enough to check the
 * signed checkpoint and to match the entry of an electronic copy by its leaf hash.
 */
export interface CompactReceipt {
  readonly version: 1;
  readonly compact: true;
  readonly log: string;
  readonly alg: Receipt['alg'];
  readonly index: number;
  /** The RFC 9162 leaf hash of the entry, lowercase hex. */
  readonly leafHash: string;
  readonly checkpoint: string;
}

export interface RenderedReceipt {
  readonly pdf: Uint8Array;
  /** What the QR code holds: the receipt JSON, its compact form, or nothing (too long). */
  readonly qrContent: 'receipt' | 'compact' | 'none';
  /** Characters of the summary that no font could draw, drawn as placeholders. */
  readonly substituted: readonly Substitution[];
}

export interface ReceiptPdfOptions {
  /** When the page is generated; now by default. */
  readonly now?: Date;
}

interface Field {
  readonly label: string;
  readonly value: string;
  /** Hex is set in groups of eight at fixed columns; `small` for long machine text. */
  readonly kind?: 'hex' | 'small';
}

interface QrContent {
  readonly kind: RenderedReceipt['qrContent'];
  readonly symbol?: QrSymbol;
  readonly caption: string;
}

const TITLE = '领导干部干预统计工作记录回执';

const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;

// 20 mm margins; the QR code's side, 200 pt, is about 70 mm.
const MARGIN = 56;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const QR_WIDTH = 200;
const LABEL_WIDTH = 66;
const RECORD_TOP = PAGE_HEIGHT - MARGIN - 86;

const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.4, 0.4, 0.4);
const RULE = rgb(0.7, 0.7, 0.7);

const HASH_NAMES: Record<Receipt['alg'], string> = { sm3: 'SM3', sha256: 'SHA-256' };

const SIGNATURE_NAMES: Record<Receipt['publicKey']['alg'], string> = {
  sm2: 'SM2（GB/T 32918）',
  ed25519: 'Ed25519（RFC 8032）',
};

/**
 * The receipt as a one-page A4 PDF.
 *
 * Precondition: `receipt` verifies against its own key ({@link verifyReceipt}); a RangeError
 * lists its problems otherwise, since a paper copy of a broken receipt would mislead.
 */
export async function renderReceiptPdf(
  receipt: Receipt,
  summary: ReceiptSummary,
  options: ReceiptPdfOptions = {},
): Promise<Uint8Array> {
  return (await renderReceipt(receipt, summary, options)).pdf;
}

/** {@link renderReceiptPdf}, telling also what the QR code holds and what was substituted. */
export async function renderReceipt(
  receipt: Receipt,
  summary: ReceiptSummary,
  options: ReceiptPdfOptions = {},
): Promise<RenderedReceipt> {
  const checkpoint = checkedCheckpoint(receipt);
  const now = options.now ?? new Date();
  const records = recordFields(summary);
  const proof = proofFields(receipt, checkpoint);
  const qr = qrContent(receipt);
  const texts = [...records, ...proof].flatMap((field) => [field.label, field.value]);

  const pdf = await PDFDocument.create();
  describeDocument(pdf, summary, now);
  const text = new PageText(pdf.addPage(PageSizes.A4), await ChineseFonts.embed(pdf, texts));
  drawTitle(text);
  const proofTop = drawSection(text, '一、记录', records, RECORD_TOP, CONTENT_WIDTH) - 30;
  const left = CONTENT_WIDTH - QR_WIDTH - 16;
  const proofBottom = drawSection(text, '二、日志证明', proof, proofTop, left);
  const qrBottom = drawQr(text, qr, proofTop - 10);
  drawInstructions(text, instructions(receipt, qr.kind), Math.min(proofBottom, qrBottom) - 34);
  drawFooter(text, now);

  return { pdf: await pdf.save(), qrContent: qr.kind, substituted: text.substituted };
}

/**
 * The compact form of a receipt for a QR code: the checkpoint, the index and the leaf hash.
 *
 * @example compactReceipt(receipt) // { version: 1, compact: true, log, alg, index, leafHash, … }
 */
export function compactReceipt(receipt: Receipt): CompactReceipt {
  return {
    version: 1,
    compact: true,
    log: receipt.log,
    alg: receipt.alg,
    index: receipt.index,
    leafHash: leafHash(receipt.entry, receipt.alg),
    checkpoint: receipt.checkpoint,
  };
}

function checkedCheckpoint(receipt: Receipt): Checkpoint {
  const verification = verifyReceipt(receipt);
  const parsed = parseCheckpoint(receipt.checkpoint);
  if (!verification.ok || !parsed.ok) {
    throw new RangeError(`receipt: ${verification.problems.join('; ')}`);
  }

  return parsed.checkpoint;
}

function describeDocument(pdf: PDFDocument, summary: ReceiptSummary, now: Date): void {
  pdf.setTitle(`${TITLE} ${summary.recordId}`);
  pdf.setLanguage('zh-CN');
  pdf.setCreator('留痕 Liuhen');
  pdf.setCreationDate(now);
  pdf.setModificationDate(now);
}

function recordFields(summary: ReceiptSummary): Field[] {
  return [
    { label: '记录编号', value: summary.recordId },
    { label: '记录单位', value: summary.unitName },
    { label: '期别', value: periodText(summary.period) },
    { label: '干预时间', value: occurredText(summary.occurredAt) },
    { label: '干预形式', value: summary.formLabel },
    { label: '记录人', value: summary.recorderName },
    { label: '签字时间', value: instantText(summary.signedAt) },
  ];
}

function proofFields(receipt: Receipt, checkpoint: Checkpoint): Field[] {
  const key = receipt.publicKey;

  return [
    { label: '日志', value: receipt.log },
    { label: '条目序号', value: `${receipt.index}（从 0 起计）` },
    { label: '树大小', value: `${checkpoint.size} 条` },
    { label: '哈希算法', value: HASH_NAMES[receipt.alg] },
    { label: '根哈希', value: checkpoint.rootHash, kind: 'hex' },
    { label: '检查点时间', value: checkpoint.time ? instantText(checkpoint.time) : '未记载' },
    { label: '签名算法', value: SIGNATURE_NAMES[key.alg] },
    { label: '签名密钥', value: key.name },
    { label: '密钥 ID', value: keyIdOf(key).toString('hex') },
    { label: '公钥', value: key.publicKey, kind: 'small' },
  ];
}

// The whole receipt when it fits; else its compact form; the page says which.
function qrContent(receipt: Receipt): QrContent {
  const full = encodeQr(JSON.stringify(receipt));
  if (full !== undefined) {
    return { kind: 'receipt', symbol: full, caption: '扫描二维码可得回执全文（JSON）' };
  }

  const compact = encodeQr(JSON.stringify(compactReceipt(receipt)));
  if (compact !== undefined) {
    const caption = '回执全文超出二维码容量，二维码仅含检查点、条目序号和条目哈希';

    return { kind: 'compact', symbol: compact, caption };
  }

  return { kind: 'none', caption: '回执过长，无法印成二维码，请妥善保存电子回执文件' };
}

function drawTitle(text: PageText): void {
  const centre = PAGE_WIDTH / 2;
  text.centred(TITLE, centre, PAGE_HEIGHT - MARGIN - 16, { size: 18, color: INK });
  const note = '本回执证明下列记录已签字并记入防篡改日志；回执不含记录内容';
  text.centred(note, centre, PAGE_HEIGHT - MARGIN - 40, { size: 9, color: MUTED });
  rule(text, PAGE_HEIGHT - MARGIN - 54);
}

// Draws a heading and its fields from baseline `top`; returns the last baseline.
function drawSection(
  text: PageText,
  heading: string,
  fields: readonly Field[],
  top: number,
  width: number,
): number {
  text.line(heading, MARGIN, top, { size: 12, color: INK });
  let y = top - 24;
  for (const field of fields) {
    text.line(field.label, MARGIN, y, { size: 10, color: MUTED });
    y = drawValue(text, field, MARGIN + LABEL_WIDTH, y, width - LABEL_WIDTH) - 19;
  }

  return y + 19;
}

function drawValue(text: PageText, field: Field, x: number, y: number, width: number): number {
  if (field.kind === 'hex') {
    return drawHex(text, field.value, x, y);
  }

  const style = field.kind === 'small' ? { size: 8, leading: 11 } : { size: 10.5, leading: 15 };

  return text.paragraph(field.value, x, y, width, { ...style, color: INK });
}

// 64 hex digits as two lines of four groups of eight, each group at a fixed column, so two
// printed hashes can be compared group by group.
function drawHex(text: PageText, hex: string, x: number, y: number): number {
  const size = 9;
  const groups = hex.match(/.{1,8}/g) ?? [];
  const pitch = Math.max(...groups.map((group) => text.fonts.widthOf(group, size))) + 6;
  groups.forEach((group, i) => {
    const line = Math.floor(i / 4);
    text.line(group, x + (i % 4) * pitch, y - line * 13, { size, color: INK });
  });

  return y - Math.max(0, Math.ceil(groups.length / 4) - 1) * 13;
}

// Draws the QR code in the right column below `top`; returns the caption's last baseline.
function drawQr(text: PageText, qr: QrContent, top: number): number {
  const x = PAGE_WIDTH - MARGIN - QR_WIDTH;
  if (qr.symbol !== undefined) {
    drawQrCode(text.page, qr.symbol, { x, y: top - QR_WIDTH, width: QR_WIDTH });
  }

  const captionTop = qr.symbol === undefined ? top - 12 : top - QR_WIDTH - 4;
  const lines = text.lines(qr.caption, QR_WIDTH - 16, 9);
  lines.forEach((line, i) => {
    text.centred(line, x + QR_WIDTH / 2, captionTop - i * 13, { size: 9, color: MUTED });
  });

  return captionTop - (lines.length - 1) * 13;
}

function drawInstructions(text: PageText, steps: readonly string[], top: number): void {
  rule(text, top + 22);
  text.line('三、如何校验', MARGIN, top, { size: 12, color: INK });
  let y = top - 22;
  steps.forEach((step, i) => {
    const style = { size: 10, leading: 15, color: INK };
    y = text.paragraph(`${i + 1}. ${step}`, MARGIN, y, CONTENT_WIDTH, style) - 19;
  });

  drawSubstitutionNote(text, y - 4);
}

function instructions(receipt: Receipt, qr: QrContent['kind']): string[] {
  const scanning: Record<QrContent['kind'], string[]> = {
    receipt: ['扫描二维码可得回执全文；保存为文件后，同样用上述命令校验。'],
    compact: ['二维码仅含回执摘要，可核对检查点的签名和条目哈希；回执全文请以电子文件保存。'],
    none: [],
  };

  return [
    '电子回执（JSON 文件，如“回执.json”）可离线校验，无需联网，也无需登录系统，命令为：\n' +
      '    liuhen receipt verify 回执.json',
    ...scanning[qr],
    `校验通过，即证明日志“${receipt.log}”第 ${receipt.index} 条（从 0 起计）所记事件存在，` +
      '且自检查点签名时起未被改动。',
    '要确认检查点确由本系统签名，请向系统管理员索取公布的公钥，加参数 --key 公钥.json 校验。',
  ];
}

// A placeholder on the page is explained on the page, so nobody takes it for the name.
function drawSubstitutionNote(text: PageText, y: number): void {
  if (text.substituted.length === 0) {
    return;
  }

  const shown = [...new Set(text.substituted.map((s) => s.placeholder))].join('、');
  const note = `注：字库中没有的字符印作其 Unicode 编码：${shown}。`;
  text.paragraph(note, MARGIN, y, CONTENT_WIDTH, { size: 9, leading: 13, color: MUTED });
}

function drawFooter(text: PageText, now: Date): void {
  rule(text, MARGIN);
  const style = { size: 8.5, color: MUTED };
  text.line(`生成时间：${instantText(now)}`, MARGIN, MARGIN - 14, style);
  const brand = '留痕 Liuhen';
  const brandWidth = text.fonts.widthOf(brand, style.size);
  text.line(brand, PAGE_WIDTH - MARGIN - brandWidth, MARGIN - 14, style);
}

function rule(text: PageText, y: number): void {
  const line = { start: { x: MARGIN, y }, end: { x: PAGE_WIDTH - MARGIN, y } };
  text.page.drawLine({ ...line, thickness: 0.5, color: RULE });
}

function periodText(period: string): string {
  const parsed = parsePeriod(period);

  return parsed === null ? period : `${periodLabel(parsed)}（${period}）`;
}

// Business times are Beijing local time with an hour or day precision (DESIGN.md, Times).
function occurredText(occurredAt: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}))?$/.exec(occurredAt);
  if (match === null) {
    return occurredAt;
  }

  const [, year, month, day, hour] = match;
  const date = `${year}年${Number(month)}月${Number(day)}日`;

  return hour === undefined ? date : `${date}${Number(hour)}时`;
}

// System instants are UTC; people read them in Beijing time.
function instantText(instant: string | Date): string {
  const time = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(time.getTime())) {
    return String(instant);
  }

  return `${beijingDate(time)} ${toBeijingIso(time).slice(11, 19)}（北京时间）`;
}
