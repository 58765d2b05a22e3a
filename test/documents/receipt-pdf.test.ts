import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { PageSizes, PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';

import { missingGlyphs, placeholderFor } from '../../src/documents/chinese-font.js';
import {
  canonicalJson,
  generateSigningKey,
  inclusionProof,
  leafHash,
  type Receipt,
  rootHash,
  signCheckpoint,
  verifierKeyOf,
  verifyCheckpoint,
  verifyReceipt,
} from '../../src/ledger/index.js';
import {
  type ReceiptSummary,
  renderReceipt,
  renderReceiptPdf,
} from '../../src/records/receipt-pdf.js';
import { ARTEFACTS, flat, fontsOf, pdfText, save, scanQr } from './pdf-inspection.js';

const log = 'liuhen.example/410221';

const key = generateSigningKey('sm2', log);

const summary: ReceiptSummary = {
  recordId: randomUUID(),
  unitName: '杞县统计局',
  period: '2020Q2',
  occurredAt: '2020-05-12T15',
  formLabel: '口头干预',
  recorderName: '王喆',
  signedAt: '2020-05-12T09:30:00.000Z',
};

// Log events shaped as the event log writes them, one of them the signature of the record.
function logEvents(count: number, note = ''): string[] {
  return Array.from({ length: count }, (_, i) =>
    canonicalJson({
      id: randomUUID(),
      type: 'record.signed',
      at: new Date(Date.UTC(2020, 4, 12, 9, 30, i % 60)).toISOString(),
      actor: { username: 'qx-recorder' },
      source: { ip: '10.0.0.7' },
      unit: '410221',
      result: 'success',
      data: { recordId: summary.recordId, status: 'signed', version: 1, note: `签字${note}` },
    }),
  );
}

function buildReceipt(entries: readonly string[], index: number, extensions?: string[]): Receipt {
  const head = {
    origin: log,
    size: entries.length,
    rootHash: rootHash(entries, 'sm3'),
    time: new Date('2020-05-12T09:31:00Z'),
    alg: 'sm3' as const,
    extensions,
  };

  return {
    version: 1,
    log,
    alg: 'sm3',
    index,
    entry: entries[index]!,
    proof: inclusionProof(entries, index, entries.length, 'sm3'),
    checkpoint: signCheckpoint(head, key),
    publicKey: verifierKeyOf(key),
  };
}

describe('the printed receipt of a signed record', () => {
  const entries = logEvents(1000);
  const receipt = buildReceipt(entries, 777);
  let path: string;
  let text: string;

  beforeAll(async () => {
    const pdf = await renderReceiptPdf(receipt, summary, { now: new Date('2020-05-12T10:00:00Z') });
    path = save('receipt.pdf', pdf);
    text = pdfText(path);
  });

  it('is one A4 page that pdf-lib reads back', async () => {
    const pdf = await PDFDocument.load(readFileSync(path));

    expect(pdf.getPageCount()).toBe(1);
    const { width, height } = pdf.getPage(0).getSize();
    expect([width, height]).toEqual(PageSizes.A4);
  });

  it('names the record and prints what the receipt proves', () => {
    const printed = [
      '领导干部干预统计工作记录回执',
      `记录编号 ${summary.recordId}`,
      '记录单位 杞县统计局',
      '期别 2020年二季度（2020Q2）',
      '干预时间 2020年5月12日15时',
      '干预形式 口头干预',
      '记录人 王喆',
      '签字时间 2020-05-12 17:30:00（北京时间）',
      '日志 liuhen.example/410221',
      '条目序号 777（从 0 起计）',
      '树大小 1000 条',
      `根哈希 ${rootHash(entries, 'sm3')}`,
      '检查点时间 2020-05-12 17:31:00（北京时间）',
      `公钥 ${key.publicKey}`,
      'liuhen receipt verify 回执.json',
      '扫描二维码可得回执全文',
      '生成时间：2020-05-12 18:00:00（北京时间）',
    ];

    expect(printed.filter((line) => !flat(text).includes(flat(line)))).toEqual([]);
  });

  it('embeds its fonts as subsets and stays small', () => {
    const fonts = fontsOf(path);

    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font).toMatchObject({ embedded: 'yes', subset: 'yes' });
      expect(font.name).toMatch(/^[A-Z]{6}\+/);
    }

    expect(readFileSync(path).length).toBeLessThan(200_000);
  });

  it('carries the whole receipt in a QR code that scans and verifies', () => {
    const scanned = scanQr(path);

    expect(scanned).toBeDefined();
    const decoded = JSON.parse(scanned!);
    expect(decoded).toEqual(receipt);
    expect(verifyReceipt(decoded, [verifierKeyOf(key)])).toEqual({ ok: true, problems: [] });
  });

  it('leaves a picture of itself for a person to look at', () => {
    execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', path, `${ARTEFACTS}/receipt`]);

    expect(readFileSync(`${ARTEFACTS}/receipt.png`).length).toBeGreaterThan(10_000);
  });
});

describe('a receipt too long for one QR code', () => {
  const entries = logEvents(12, '，'.repeat(1200));
  const receipt = buildReceipt(entries, 5);

  it('carries the checkpoint, the index and the leaf hash instead, and says so', async () => {
    const rendered = await renderReceipt(receipt, summary);
    const path = save('receipt-compact.pdf', rendered.pdf);
    const scanned = JSON.parse(scanQr(path)!);

    expect(rendered.qrContent).toBe('compact');
    expect(scanned).toMatchObject({ compact: true, index: 5, log, alg: 'sm3' });
    expect(scanned.leafHash).toBe(leafHash(receipt.entry, 'sm3'));
    expect(verifyCheckpoint(scanned.checkpoint, [verifierKeyOf(key)]).ok).toBe(true);
    expect(flat(pdfText(path))).toContain('二维码仅含检查点、条目序号和条目哈希');
  });
});

describe('a receipt too long even for its compact form', () => {
  const receipt = buildReceipt(logEvents(3), 1, [`note ${'x'.repeat(3000)}`]);

  it('has no QR code and tells the reader to keep the file', async () => {
    const rendered = await renderReceipt(receipt, summary);
    const path = save('receipt-no-qr.pdf', rendered.pdf);

    expect(rendered.qrContent).toBe('none');
    expect(scanQr(path)).toBeUndefined();
    expect(flat(pdfText(path))).toContain('回执过长，无法印成二维码，请妥善保存电子回执文件');
    expect(flat(pdfText(path))).not.toContain('扫描二维码');
  });
});

describe('names that the shipped fonts cannot all draw', () => {
  const receipt = buildReceipt(logEvents(3), 1);

  it('print a character no font has as its code point, and report it', async () => {
    const rendered = await renderReceipt(receipt, { ...summary, recorderName: '李䶮' });
    const text = pdfText(save('receipt-missing-glyph.pdf', rendered.pdf));

    expect(rendered.substituted).toEqual([{ character: '䶮', placeholder: '〔U+4DAE〕' }]);
    expect(text).toContain('李〔U+4DAE〕');
    expect(flat(text)).toContain(flat('字库中没有的字符印作其 Unicode 编码：〔U+4DAE〕'));
  });

  it('draw a character outside the common set from another file of the font', async () => {
    const rendered = await renderReceipt(receipt, { ...summary, recorderName: '朱鎔基' });
    const path = save('receipt-fallback-font.pdf', rendered.pdf);

    expect(rendered.substituted).toEqual([]);
    expect(pdfText(path)).toContain('朱鎔基');
    expect(fontsOf(path)).toHaveLength(2);
    expect(fontsOf(path).every((font) => font.subset === 'yes')).toBe(true);
  });
});

describe('missingGlyphs', () => {
  it.each([
    ['王喆', []],
    ['堃玥燚赟', []],
    ['䶮', ['䶮']],
    ['𠮷', ['𠮷']],
    ['刘䶮与𠮷野家，䶮', ['䶮', '𠮷']],
    ['☑ 已签字', ['☑']],
    ['鎔 □ √ ǚ', []],
  ])('%s lacks %j', (text, missing) => {
    expect(missingGlyphs(text)).toEqual(missing);
  });

  it('names a missing character by its code point', () => {
    expect(placeholderFor('䶮')).toBe('〔U+4DAE〕');
    expect(placeholderFor('𠮷')).toBe('〔U+20BB7〕');
  });
});

describe('rendering', () => {
  it('refuses a receipt that does not verify', async () => {
    const receipt = buildReceipt(logEvents(3), 1);
    const tampered = { ...receipt, entry: receipt.entry.replace('签字', '涂改') };

    await expect(renderReceiptPdf(tampered, summary)).rejects.toThrow(RangeError);
  });
});
