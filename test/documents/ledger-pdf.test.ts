import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';

import { missingGlyphs } from '../../src/documents/chinese-font.js';
import { sizeText } from '../../src/documents/evidence-appendix.js';
import {
  CHECKED,
  DETAIL_ROWS,
  FORM_BOXES,
  LEDGER_COLUMNS,
  LEDGER_INSTRUCTIONS,
  LEDGER_TITLE,
  type LedgerDocument,
  SITUATIONS_LEAD,
  UNCHECKED,
} from '../../src/documents/ledger-document.js';
import { type EvidenceAttachment, renderLedgerPdf } from '../../src/documents/ledger-pdf.js';
import { digest } from '../../src/ledger/hash-algorithm.js';
import { buildLedger, sampleLedger, sampleRows, sealPng } from './document-fixtures.js';
import { ARTEFACTS, fontsOf, save } from './pdf-inspection.js';
import { type PdfjsPage, readPages } from './pdfjs-pages.js';

const LANDSCAPE = [841.89, 595.28];

interface Rendered {
  readonly bytes: Uint8Array;
  readonly path: string;
  readonly pages: PdfjsPage[];
}

// Renders, saves the PDF and a PNG of every page as artefacts, and reads the pages back.
async function render(
  name: string,
  doc: LedgerDocument,
  attachments?: EvidenceAttachment[],
): Promise<Rendered> {
  const bytes = await renderLedgerPdf(doc, { attachments });
  const path = save(`${name}.pdf`, bytes);
  execFileSync('pdftoppm', ['-r', '50', '-png', path, `${ARTEFACTS}/${name}`]);

  return { bytes, path, pages: await readPages(bytes) };
}

function flat(text: string): string {
  return text.replace(/\s+/g, '');
}

function allText(pages: readonly PdfjsPage[]): string {
  return pages.map((page) => page.text).join('');
}

function pageNumbers(pages: readonly PdfjsPage[]): string[] {
  return pages.map((_, i) => flat(`第 ${i + 1} 页 共 ${pages.length} 页`));
}

describe('the ledger as PDF (附件1)', () => {
  let ledger: Rendered;

  beforeAll(async () => {
    ledger = await render('ledger', sampleLedger());
  });

  it('is A4 landscape throughout, a page number 第 N 页 共 M 页 at every foot', () => {
    expect(ledger.pages.length).toBe(3);
    for (const [i, page] of ledger.pages.entries()) {
      expect([page.width, page.height]).toEqual(LANDSCAPE);
      expect(page.text).toContain(pageNumbers(ledger.pages)[i]);
    }
  });

  it('opens with a cover: title, period, unit and the seven situations', () => {
    const cover = ledger.pages[0]!.text;

    expect(cover).toContain(LEDGER_TITLE);
    expect(cover).toContain('2020年度第二季度');
    expect(cover).toContain('记录单位：杞县统计局');
    expect(cover).toContain(SITUATIONS_LEAD);
    const situations = sampleLedger().situations;
    expect(situations).toHaveLength(7);
    for (const situation of situations) {
      expect(cover).toContain(flat(`${situation.label}${situation.text}`));
    }
  });

  it('heads the table with the title, unit, office and every column', () => {
    const table = ledger.pages[1]!;

    expect(table.text).toContain(LEDGER_TITLE);
    expect(table.text).toContain('记录单位：杞县统计局');
    expect(table.text).toContain('记录机构：杞县统计局法规股');
    for (const heading of LEDGER_COLUMNS) {
      expect(table.items).toContain(heading);
    }
  });

  it('prints each record as a band: its values, its form boxes and detail labels', () => {
    const table = ledger.pages[1]!;
    for (const row of sampleRows) {
      const values = [row.interferer, row.post, row.level, row.situation, row.content];
      const details = Object.values(row.details).filter((value) => value !== '');
      for (const value of [String(row.seq), ...values, row.occurredAt, ...details, row.recorder]) {
        expect(table.text).toContain(flat(value));
      }
    }

    const labels = [...FORM_BOXES.map((box) => box.label), ...DETAIL_ROWS.map((d) => d.label)];
    for (const label of labels) {
      expect(table.items.filter((item) => item === label)).toHaveLength(sampleRows.length);
    }
  });

  it('draws the check boxes, which the font lacks, instead of printing placeholders', () => {
    expect(missingGlyphs(CHECKED + UNCHECKED)).toEqual([CHECKED, UNCHECKED]);
    expect(allText(ledger.pages)).not.toContain('〔U+');
  });

  it('follows the table with 填报说明 and then the evidence list', () => {
    const text = allText(ledger.pages);
    const notes = text.indexOf('填报说明：');

    expect(notes).toBeGreaterThan(text.indexOf(flat(sampleRows.at(-1)!.recorder)));
    expect(text.indexOf('证据材料：')).toBeGreaterThan(notes);
    for (const note of LEDGER_INSTRUCTIONS) {
      expect(text).toContain(flat(note));
    }

    const last = text.slice(text.indexOf('证据材料：'));

    for (const heading of ['记录序号', '文件名', '类型', '大小', 'SM3哈希']) {
      expect(last).toContain(heading);
    }

    for (const line of sampleLedger().evidence) {
      const cells = [String(line.seq), line.name, line.kind, sizeText(line.size), line.sm3];
      expect(last).toContain(cells.map(flat).join(''));
    }
  });

  it('embeds every font as a subset and stays small', () => {
    const fonts = fontsOf(ledger.path);

    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font).toMatchObject({ embedded: 'yes', subset: 'yes' });
    }

    expect(ledger.bytes.length).toBeLessThan(300_000);
  });

  it('saves a PNG of every page as an artefact', () => {
    const pngs = readdirSync(ARTEFACTS).filter((file) => /^ledger-\d+\.png$/.test(file));

    expect(pngs).toHaveLength(ledger.pages.length);
  });
});

describe('a ledger without records', () => {
  it('prints the table with the 零报告 line and says there is no evidence', async () => {
    const { pages } = await render('ledger-zero', sampleLedger({ rows: [], evidence: [] }));
    const text = allText(pages);

    expect(pages).toHaveLength(2);
    expect(text).toContain('本期无违规干预统计工作记录（零报告）');
    expect(text).toContain('（无证据材料）');
    for (const heading of LEDGER_COLUMNS) {
      expect(pages[1]!.items).toContain(heading);
    }
  });
});

describe('a ledger of 100 records', () => {
  const doc = buildLedger(100);
  let rendered: Rendered;

  beforeAll(async () => {
    rendered = await render('ledger-100', doc);
  });

  it('repeats the head and header on every table page and numbers every page', () => {
    const tablePages = rendered.pages.slice(1, -1);

    expect(tablePages.length).toBeGreaterThan(20);
    for (const page of tablePages) {
      expect(page.text).toContain(LEDGER_TITLE);
      expect(page.text).toContain('记录机构：杞县统计局法规股');
      expect(page.items).toContain('干预人单位、职务');
      expect(page.items).toContain('记录人(签字)');
    }

    for (const [i, page] of rendered.pages.entries()) {
      expect(page.text).toContain(pageNumbers(rendered.pages)[i]);
    }
  });

  it('prints every record once, each band whole on one page', () => {
    const names = doc.rows.map((row) => row.interferer);
    const printed = rendered.pages.flatMap((page) => page.items.filter((i) => names.includes(i)));

    expect(printed).toEqual(names);
    for (const page of rendered.pages) {
      const bands = page.items.filter((item) => names.includes(item)).length;
      expect(page.items.filter((item) => item === '口头干预')).toHaveLength(bands);
      expect(page.items.filter((item) => item === '其他来源')).toHaveLength(bands);
    }
  });

  it('stays small: the grid and labels of a band are drawn once and reused', () => {
    expect(rendered.bytes.length).toBeLessThan(1_000_000);
  });
});

describe('a band taller than a page', () => {
  it('continues on the next page under the header, nothing lost', async () => {
    const sentence = '今年的数一定要比去年高，';
    const row = { ...sampleRows[0]!, content: `具体表述：“${sentence.repeat(150)}”` };
    const { pages } = await render('ledger-long', sampleLedger({ rows: [row], evidence: [] }));
    const tablePages = pages.filter((page) => page.items.includes('干预人单位、职务'));

    expect(tablePages.length).toBeGreaterThan(1);
    expect(tablePages[0]!.text).toContain('具体表述：“');
    expect(tablePages.at(-1)!.text).toContain(`${sentence}”`);
    expect(allText(pages).split(sentence)).toHaveLength(150 + 1);
    for (const label of DETAIL_ROWS.map((detail) => detail.label)) {
      expect(allText(tablePages).split(flat(label))).toHaveLength(2);
    }
  });
});

describe('characters the font lacks', () => {
  it('prints them as their code points and explains the placeholder', async () => {
    const row = { ...sampleRows[0]!, interferer: '𠮷某' };
    const { pages } = await render('ledger-missing-glyph', sampleLedger({ rows: [row] }));
    const text = allText(pages);

    expect(text).toContain('〔U+20BB7〕某');
    expect(text).toContain('注：字库中没有的字符印作其Unicode编码：〔U+20BB7〕。');
  });
});

describe('a submission with its evidence appended', () => {
  const audio = new Uint8Array([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0]);
  const corrupt = new TextEncoder().encode('%PDF-1.7\nthis is no PDF at all');
  let base: number;
  let pages: PdfjsPage[];

  beforeAll(async () => {
    const attachments: EvidenceAttachment[] = [
      { seq: 3, name: '微信截屏.png', mediaType: 'image/png', bytes: sealPng() },
      { seq: 2, name: '来函.pdf', mediaType: 'application/pdf', bytes: await twoPageLetter() },
      { seq: 1, name: '录音.mp3', mediaType: 'audio/mpeg', bytes: audio },
      { seq: 1, name: '损坏.pdf', mediaType: 'application/pdf', bytes: corrupt },
    ];
    base = (await readPages(await renderLedgerPdf(sampleLedger()))).length;
    pages = (await render('ledger-evidence', sampleLedger(), attachments)).pages;
  });

  it('adds a page per image, the PDF pages, and one listing page per run of notes', () => {
    // Image page; listing page with the letter's heading; its two pages; listing page.
    expect(pages).toHaveLength(base + 5);
  });

  it('embeds an image under its heading, scaled to the page', () => {
    const page = pages[base]!;

    expect(page.text).toContain('附：证据材料记录序号3·微信截屏.png');
    expect(page.images).toBe(1);
  });

  it('copies the pages of a PDF untouched, saying which page numbers they take', () => {
    const heading = pages[base + 1]!.text;

    expect(heading).toContain('附：证据材料记录序号2·来函.pdf');
    expect(heading).toContain(`原件共2页，附后（第${base + 3}–${base + 4}页）`);
    expect(pages[base + 2]!.text).toBe('Letterpage1');
    expect(pages[base + 3]!.text).toBe('Letterpage2');
  });

  it('lists files it cannot embed with their SM3 hash, a broken PDF included', () => {
    const listing = pages[base + 4]!.text;

    expect(listing).toContain('附：证据材料记录序号1·录音.mp3');
    const sm3 = digest('sm3', audio).toString('hex');
    expect(listing).toContain(`该文件类型无法嵌入，见电子文件（SM3${sm3}）`);
    expect(listing).toContain('附：证据材料记录序号1·损坏.pdf');
    expect(listing).toContain('PDF文件无法读取或已加密，未能附入');
  });
});

async function twoPageLetter(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const number of [1, 2]) {
    pdf.addPage([595, 842]).drawText(`Letter page ${number}`, { x: 72, y: 760, size: 14, font });
  }

  return pdf.save();
}
