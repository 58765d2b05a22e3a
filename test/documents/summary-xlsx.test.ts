/**
 * The summary workbook read back with exceljs, cell by cell, against the layout of 附件2
 * (forms.md): the three blocks and their totals, the signature line, the seal and the
 * checkpoint with a QR code that scans back to the note.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { SUMMARY_TITLE, type SummaryDocument } from '../../src/documents/summary-document.js';
import { beijingMinute, renderSummaryXlsx } from '../../src/documents/summary-xlsx.js';
import { ruleVersions } from '../../src/rules/rule-versions.js';
import { sampleSummary, sealPng } from './document-fixtures.js';

// jsqr is a webpack bundle: to Node its function is the `default` of the CommonJS exports.
const jsQR = (typeof jsqr === 'function' ? jsqr : jsqr.default) as typeof jsqr.default;

const ARTEFACTS = 'test-results/documents';

// Without 汇总单位数: blocks from row 5 (合计 13), 干预类型 from 15 (合计 24), signatures 26,
// the checkpoint from 28.
const BLOCKS = 5;

interface Rendered {
  workbook: ExcelJS.Workbook;
  sheet: ExcelJS.Worksheet;
  merges: Set<string>;
}

async function render(doc: SummaryDocument, artefact?: string): Promise<Rendered> {
  const bytes = await renderSummaryXlsx(doc);
  if (artefact) {
    mkdirSync(ARTEFACTS, { recursive: true });
    writeFileSync(join(ARTEFACTS, artefact), bytes);
  }

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('汇总表')!;

  return { workbook, sheet, merges: new Set(sheet.model.merges) };
}

function values(sheet: ExcelJS.Worksheet, row: number, columns: string[]): unknown[] {
  return columns.map((column) => sheet.getCell(`${column}${row}`).value);
}

const unsigned = sampleSummary({
  signatures: sampleSummary().signatures.map((line) => ({ ...line, name: null, at: null })),
  seal: null,
  checkpoint: null,
  units: 12,
  filler: { code: '410200', name: '开封市统计局' },
  period: { label: '2020Q1-2020Q4', text: '2020年度' },
});

describe('renderSummaryXlsx', () => {
  it('heads the form with the title, the period and 填报单位', async () => {
    const { sheet, merges } = await render(sampleSummary(), 'summary.xlsx');

    expect(sheet.getCell('A1').value).toBe(SUMMARY_TITLE);
    expect(sheet.getCell('A1').font).toMatchObject({ bold: true, size: 18 });
    expect(sheet.getCell('A1').alignment).toMatchObject({ horizontal: 'center' });
    expect(sheet.getCell('A2').value).toBe('2020年度第二季度');
    expect(sheet.getCell('A3').value).toBe('填报单位（公章）：杞县统计局');
    expect(sheet.getCell('A3').alignment).toMatchObject({ horizontal: 'left' });
    expect(sheet.getRow(4).cellCount).toBe(0);
    for (const range of ['A1:E1', 'A2:E2', 'A3:E3']) expect(merges).toContain(range);
  });

  it('sets up one A4 portrait page', async () => {
    const { sheet } = await render(sampleSummary());

    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 1,
      printArea: 'A1:E30',
    });
  });

  it('sets 干预人员 and 干预形式 side by side, both ending on one 合计 row', async () => {
    const { sheet, merges } = await render(sampleSummary());

    expect(values(sheet, BLOCKS, ['A', 'D'])).toEqual(['干预人员', '干预形式']);
    expect(merges).toContain(`A${BLOCKS}:B${BLOCKS}`);
    expect(merges).toContain(`D${BLOCKS}:E${BLOCKS}`);
    expect(values(sheet, 6, ['A', 'B', 'D', 'E'])).toEqual(['级别', '人数', '形式', '次数']);
    const rows = [7, 8, 9, 10, 11, 12].map((row) => values(sheet, row, ['A', 'B', 'D', 'E']));
    expect(rows).toEqual([
      ['县处级', 1, '口头干预', 1],
      ['乡科级', 1, '电话干预', 0],
      ['其他', 1, 'QQ 干预', 0],
      [null, null, '微信干预', 1],
      [null, null, 'Email 干预', 0],
      [null, null, '其他形式干预', 1],
    ]);
    expect(values(sheet, 13, ['A', 'B', 'D', 'E'])).toEqual(['合计', 3, '合计', 3]);

    // The padding rows of the shorter block keep their borders; the gap column has none.
    for (const address of ['A10', 'B12', 'E12', 'B13']) {
      expect(sheet.getCell(address).border?.bottom?.style).toBe('thin');
    }
    expect(sheet.getCell('C10').border?.bottom).toBeUndefined();
  });

  it('prints 干预类型 full width, each situation in full with its count', async () => {
    const { sheet, merges } = await render(sampleSummary());

    expect(sheet.getCell('A15').value).toBe('干预类型');
    expect(merges).toContain('A15:E15');
    expect(values(sheet, 16, ['A', 'E'])).toEqual(['类型', '次数']);
    const counts = [0, 1, 1, 0, 0, 1, 0];
    ruleVersions[0]!.situations.forEach((situation, i) => {
      const row = 17 + i;
      expect(values(sheet, row, ['A', 'E'])).toEqual([
        `${situation.label}${situation.text}`,
        counts[i],
      ]);
      expect(merges).toContain(`A${row}:D${row}`);
      expect(sheet.getCell(`A${row}`).alignment).toMatchObject({ wrapText: true });
    });
    // (五) is the longest text and wraps over more lines than (一).
    expect(sheet.getRow(21).height).toBeGreaterThan(sheet.getRow(17).height);
    expect(values(sheet, 24, ['A', 'E'])).toEqual(['合计', 3]);
  });

  it('puts the three signatures on one line with their Beijing signing times', async () => {
    const { sheet, merges } = await render(sampleSummary());

    expect(values(sheet, 26, ['A', 'B', 'E'])).toEqual([
      '主要负责人：孙某\n2020-07-02 10:10',
      '分管统计法治负责人：周某\n2020-07-02 09:30',
      '填报人：吴某\n2020-07-01 16:00',
    ]);
    expect(merges).toContain('B26:D26');
  });

  it('leaves room for handwritten signatures while unsigned', async () => {
    const { sheet } = await render(unsigned, 'summary-regional-unsigned.xlsx');

    expect(values(sheet, 27, ['A', 'B', 'E'])).toEqual([
      '主要负责人：',
      '分管统计法治负责人：',
      '填报人：',
    ]);
    expect(sheet.pageSetup.printArea).toBe('A1:E27');
  });

  it('names the region and counts its units on a regional summary, moving the rest down', async () => {
    const { sheet } = await render(unsigned);

    expect(sheet.getCell('A2').value).toBe('2020年度');
    expect(sheet.getCell('A3').value).toBe('填报单位（公章）：开封市统计局');
    expect(sheet.getCell('A4').value).toBe('汇总单位数：12');
    expect(values(sheet, 6, ['A', 'D'])).toEqual(['干预人员', '干预形式']);
    expect(values(sheet, 14, ['A', 'B', 'D', 'E'])).toEqual(['合计', 3, '合计', 3]);
  });

  it('stamps the seal over 填报单位 once sealed, and the checkpoint QR code', async () => {
    const { workbook, sheet } = await render(sampleSummary());

    const images = sheet.getImages().map((image) => ({
      row: image.range.tl.nativeRow,
      column: image.range.tl.nativeCol,
      image: workbook.getImage(Number(image.imageId)),
    }));
    expect(images).toHaveLength(2);
    const seal = images.find((image) => image.row < 3)!;
    expect(seal.image.extension).toBe('png');
    expect(new Uint8Array(seal.image.buffer as ArrayBuffer)).toEqual(new Uint8Array(sealPng()));
    // The QR code stands in column E beside the note's text on row 30.
    const qr = images.find((image) => image !== seal)!;
    expect({ row: qr.row, column: qr.column }).toEqual({ row: 29, column: 4 });
  });

  it('adds no image when neither sealed nor checkpointed', async () => {
    const { sheet } = await render(unsigned);

    expect(sheet.getImages()).toEqual([]);
  });

  it('refuses a seal in a format Excel cannot show', async () => {
    const seal = { bytes: new Uint8Array([1, 2, 3]), mediaType: 'image/webp' };

    await expect(renderSummaryXlsx(sampleSummary({ seal }))).rejects.toThrow(
      'unsupported seal media type: got image/webp',
    );
  });

  it('prints the checkpoint note with its tree size and a QR code that scans back to it', async () => {
    const doc = sampleSummary();
    const { workbook, sheet, merges } = await render(doc);

    expect(sheet.getCell('A28').value).toBe('日志检查点');
    expect(sheet.getCell('A29').value).toBe('树大小：12 条');
    expect(sheet.getCell('A30').value).toBe(doc.checkpoint!.trimEnd());
    expect(sheet.getCell('A30').alignment).toMatchObject({ wrapText: true });
    expect(merges).toContain('A30:D30');

    const qr = sheet.getImages().find((image) => image.range.tl.nativeRow === 29)!;
    const png = PNG.sync.read(workbook.getImage(Number(qr.imageId)).buffer as unknown as Buffer);
    const pixels = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);
    expect(jsQR(pixels, png.width, png.height)?.data).toBe(doc.checkpoint!.trimEnd());
  });

  it('writes counts as numbers, a zero report as zeros', async () => {
    const zero = sampleSummary({
      persons: { ...sampleSummary().persons, rows: [], total: { label: '合计', count: 0 } },
      zero: true,
    });
    const { sheet } = await render(zero);

    expect(sheet.getCell('B13').value).toBe(0);
    expect(sheet.getCell('B13').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('A7').value).toBeNull();
    expect(sheet.getCell('A7').border?.left?.style).toBe('thin');
  });
});

describe('beijingMinute', () => {
  it.each([
    ['2020-07-02T02:10:00.000Z', '2020-07-02 10:10'],
    ['2020-07-01T16:30:00Z', '2020-07-02 00:30'],
    ['2020-12-31T15:59:59.999Z', '2020-12-31 23:59'],
  ])('reads %s as %s', (instant, want) => {
    expect(beijingMinute(instant)).toBe(want);
  });
});
