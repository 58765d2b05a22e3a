import { PageSizes } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';

import { SUMMARY_TITLE, type SummaryDocument } from '../../src/documents/summary-document.js';
import { renderSummaryPdf } from '../../src/documents/summary-pdf.js';
import { sampleSummary } from './document-fixtures.js';
import { flat, fontsOf, save, scanQr } from './pdf-inspection.js';
import { type PdfjsPage, readPages } from './pdfjs-pages.js';

interface Rendered {
  readonly bytes: Uint8Array;
  readonly path: string;
  readonly pages: PdfjsPage[];
}

async function render(name: string, doc: SummaryDocument): Promise<Rendered> {
  const bytes = await renderSummaryPdf(doc);

  return { bytes, path: save(`${name}.pdf`, bytes), pages: await readPages(bytes) };
}

// A block as it reads in drawing order: title, headings, label and count per row, 合计.
function blockText(block: SummaryDocument['persons']): string {
  const rows = block.rows.map((row) => `${row.label}${row.count}`).join('');

  return flat(
    `${block.title}${block.rowHeading}${block.countHeading}${rows}${block.total.label}${block.total.count}`,
  );
}

describe('the summary as PDF (附件2)', () => {
  const doc = sampleSummary();
  let summary: Rendered;
  let page: PdfjsPage;

  beforeAll(async () => {
    summary = await render('summary', doc);
    page = summary.pages[0]!;
  });

  it('is one A4 portrait page', () => {
    expect(summary.pages).toHaveLength(1);
    expect([page.width, page.height]).toEqual(PageSizes.A4);
  });

  it('prints the title, the period and 填报单位 with the seal over it', () => {
    expect(page.text).toContain(SUMMARY_TITLE);
    expect(page.text).toContain('2020年度第二季度');
    expect(page.text).toContain('填报单位（公章）：杞县统计局');
    expect(page.images).toBe(1);
    expect(page.text).not.toContain('汇总单位数');
  });

  it('prints the three blocks with the form’s rows, counts and totals', () => {
    expect(page.text).toContain('干预人员级别人数县处级1乡科级1其他1合计3');
    expect(page.text).toContain(
      '干预形式形式次数口头干预1电话干预0QQ干预0微信干预1Email干预0其他形式干预1合计3',
    );
    for (const block of [doc.persons, doc.forms, doc.situations]) {
      expect(page.text).toContain(blockText(block));
    }

    expect(page.text).toContain('(五)在统计违法线索核查、立案、调查、处理和对责任人追究责任时');
  });

  it('prints each signature with the name and the Beijing time it was given', () => {
    expect(page.text).toContain('主要负责人：孙某2020-07-0210:10');
    expect(page.text).toContain('分管统计法治负责人：周某2020-07-0209:30');
    expect(page.text).toContain('填报人：吴某2020-07-0116:00');
  });

  it('prints the checkpoint with its size, root hash and a QR code that reads back', () => {
    const root = Buffer.from('q83vEjR8PwWRXW6yBvWlq8Q4yLhNkBlp6V7bYqH0Q0o=', 'base64');

    expect(page.text).toContain('日志检查点：共12条');
    expect(page.text).toContain(`根哈希（SM3）：${root.toString('hex')}`);
    expect(scanQr(summary.path)).toBe(doc.checkpoint);
  });

  it('embeds every font as a subset and stays small', () => {
    const fonts = fontsOf(summary.path);

    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font).toMatchObject({ embedded: 'yes', subset: 'yes' });
    }

    expect(summary.bytes.length).toBeLessThan(150_000);
  });
});

describe('a summary not yet signed, sealed or submitted', () => {
  it('leaves room for the signatures and prints no seal and no checkpoint', async () => {
    const signatures = sampleSummary().signatures.map((line) => ({
      ...line,
      name: null,
      at: null,
    }));
    const doc = sampleSummary({ signatures, seal: null, checkpoint: null });
    const { path, pages } = await render('summary-unsigned', doc);
    const text = pages[0]!.text;

    expect(text).toContain('主要负责人：分管统计法治负责人：填报人：');
    expect(text).not.toMatch(/孙某|周某|吴某|2020-07/);
    expect(text).not.toContain('日志检查点');
    expect(pages[0]!.images).toBe(0);
    expect(scanQr(path)).toBeUndefined();
  });
});

describe('a regional summary', () => {
  it('names the region as 填报单位 and counts the units it sums', async () => {
    const doc = sampleSummary({ filler: { code: '4102', name: '开封市统计局' }, units: 10 });
    const { pages } = await render('summary-region', doc);

    expect(pages[0]!.text).toContain('填报单位（公章）：开封市统计局');
    expect(pages[0]!.text).toContain('汇总单位数：10');
  });
});
