/**
 * The ledger workbook read back with exceljs, cell by cell, against the layout of 附件1
 * (forms.md) and the row and column map the ledger importer relies on.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  CHECKED,
  DETAIL_ROWS,
  FORM_BOXES,
  LEDGER_INSTRUCTIONS,
  LEDGER_TITLE,
  type LedgerDocument,
  type LedgerRow,
  SITUATIONS_LEAD,
  UNCHECKED,
} from '../../src/documents/ledger-document.js';
import { renderLedgerXlsx } from '../../src/documents/ledger-xlsx.js';
import { ruleVersions } from '../../src/rules/rule-versions.js';
import { buildLedger, sampleLedger, sampleRows } from './document-fixtures.js';

const ARTEFACTS = 'test-results/documents';

// With the seven situations of 2017: cover rows 1–11, table title 12, 记录单位/记录机构 13,
// heading row 14, the first band from row 15.
const HEADING_ROW = 14;
const FIRST_BAND = 15;
const BAND = 8;

interface Rendered {
  bytes: Buffer;
  workbook: ExcelJS.Workbook;
  sheet: ExcelJS.Worksheet;
  merges: Set<string>;
}

async function render(doc: LedgerDocument, artefact?: string): Promise<Rendered> {
  const bytes = await renderLedgerXlsx(doc);
  if (artefact) {
    mkdirSync(ARTEFACTS, { recursive: true });
    writeFileSync(join(ARTEFACTS, artefact), bytes);
  }

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('记录台账')!;

  return { bytes, workbook, sheet, merges: new Set(sheet.model.merges) };
}

async function sheetXml(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);

  return zip.file('xl/worksheets/sheet1.xml')!.async('string');
}

function text(sheet: ExcelJS.Worksheet, address: string): unknown {
  return sheet.getCell(address).value;
}

describe('renderLedgerXlsx', () => {
  it('prints the cover: title, period, 记录单位, the lead sentence and the seven situations', async () => {
    const { sheet, merges } = await render(sampleLedger(), 'ledger.xlsx');

    expect(text(sheet, 'A1')).toBe(LEDGER_TITLE);
    expect(sheet.getCell('A1').font).toMatchObject({ bold: true, size: 18 });
    expect(sheet.getCell('A1').alignment).toMatchObject({ horizontal: 'center' });
    expect(text(sheet, 'A2')).toBe('2020年度第二季度');
    expect(text(sheet, 'A3')).toBe('记录单位：杞县统计局');
    expect(text(sheet, 'A4')).toBe(SITUATIONS_LEAD);
    const situations = ruleVersions[0]!.situations;
    situations.forEach((s, i) => {
      expect(text(sheet, `A${5 + i}`)).toBe(`${s.label}${s.text}`);
      expect(sheet.getCell(`A${5 + i}`).alignment).toMatchObject({ wrapText: true });
    });
    expect(text(sheet, 'A5')).toBe('(一)自行修改统计机构、统计人员依法搜集、整理的统计资料');
    for (let row = 1; row <= 11; row++) expect(merges).toContain(`A${row}:K${row}`);
  });

  it('sets up an A4 landscape page fitted to the width, the table on a page of its own', async () => {
    const { bytes, sheet } = await render(sampleLedger());

    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printArea: 'A1:K50',
      printTitlesRow: `${HEADING_ROW}:${HEADING_ROW}`,
    });
    // exceljs does not read page breaks back; the sheet's XML shows the one after row 11.
    const xml = await sheetXml(bytes);
    expect(xml).toMatch(/<rowBreaks count="1" manualBreakCount="1"><brk id="11" [^>]*man="1"\/>/);
  });

  it('moves the table up when the rule version has four situations (2023)', async () => {
    const { sheet } = await render(sampleLedger({ situations: ruleVersions[1]!.situations }));

    expect(text(sheet, 'A8')).toBe(`4.${ruleVersions[1]!.situations[3]!.text}`);
    expect(text(sheet, 'A9')).toBe(LEDGER_TITLE);
    expect(text(sheet, 'A11')).toBe('序号');
    expect(sheet.pageSetup.printTitlesRow).toBe('11:11');
    expect(sheet.getCell('A12').value).toBe(1);
  });

  it('heads the table with the title, 记录单位, 记录机构 and the column headings', async () => {
    const { sheet, merges } = await render(sampleLedger());

    expect(text(sheet, 'A12')).toBe(LEDGER_TITLE);
    expect(text(sheet, 'A13')).toBe('记录单位：杞县统计局');
    expect(text(sheet, 'G13')).toBe('记录机构：杞县统计局法规股');
    expect(merges).toContain('A12:K12');
    expect(merges).toContain('A13:F13');
    expect(merges).toContain('G13:K13');

    const headings = sheet.getRow(HEADING_ROW).values as unknown[];
    expect(headings.slice(1)).toEqual([
      '序号',
      '干预人',
      '干预人单位、职务',
      '级别',
      '干预情形',
      '干预内容',
      '干预时间',
      '干预形式',
      '干预形式',
      '干预形式',
      '记录人(签字)',
    ]);
    expect(merges).toContain('H14:J14');
    for (let column = 1; column <= 11; column++) {
      const cell = sheet.getCell(HEADING_ROW, column);
      expect(cell.font?.bold).toBe(true);
      expect(cell.alignment).toMatchObject({ horizontal: 'center', vertical: 'middle' });
      expect(cell.fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
      expect(cell.border?.bottom?.style).toBe('thin');
    }
  });

  it('gives each record a band of eight rows, the merged cells and the right box ticked', async () => {
    const { sheet, merges } = await render(sampleLedger());

    sampleRows.forEach((record, i) => {
      const top = FIRST_BAND + i * BAND;
      const bottom = top + BAND - 1;
      expectBand(sheet, record, top);
      for (const column of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'K']) {
        expect(merges).toContain(`${column}${top}:${column}${bottom}`);
      }
      // 口头干预 over rows 1–2, 来文来函 alone on row 3, 通讯信息 over rows 4–8.
      expect(merges).toContain(`H${top}:H${top + 1}`);
      expect([...merges].some((m) => m.startsWith(`H${top + 2}:`))).toBe(false);
      expect(merges).toContain(`H${top + 3}:H${bottom}`);
    });
    expect(sheet.getCell('F15').alignment).toMatchObject({ wrapText: true, vertical: 'middle' });
  });

  it('borders every cell of the table, merged ones included', async () => {
    const { sheet } = await render(sampleLedger());
    const lastRow = FIRST_BAND + sampleRows.length * BAND - 1;

    for (let row = HEADING_ROW; row <= lastRow; row++) {
      for (let column = 1; column <= 11; column++) {
        const border = sheet.getCell(row, column).border;
        const sides = [border?.top, border?.left, border?.bottom, border?.right];
        expect(sides.map((side) => side?.style)).toEqual(['thin', 'thin', 'thin', 'thin']);
      }
    }
  });

  it('prints 填报说明 right under the table and the evidence list after it', async () => {
    const { sheet, merges } = await render(sampleLedger());

    expect(text(sheet, 'A39')).toBe('填报说明：');
    LEDGER_INSTRUCTIONS.forEach((note, i) => {
      expect(text(sheet, `A${40 + i}`)).toBe(note);
      expect(merges).toContain(`A${40 + i}:K${40 + i}`);
      expect(sheet.getCell(`A${40 + i}`).alignment).toMatchObject({ wrapText: true });
    });
    // Note 2 runs over two lines of the full width, note 1 fits on one.
    expect(sheet.getRow(41).height).toBeGreaterThan(sheet.getRow(40).height);

    expect(sheet.getRow(46).cellCount).toBe(0);
    expect(text(sheet, 'A47')).toBe('证据材料清单');
    expect(rowValues(sheet, 48)).toEqual([
      '记录序号',
      '文件名',
      '类型',
      '大小（字节）',
      'SM3 哈希',
    ]);
    expect(rowValues(sheet, 49)).toEqual([3, '微信截屏.png', 'PNG 图片', 52_113, 'a'.repeat(64)]);
    expect(rowValues(sheet, 50)).toEqual([2, '来函.pdf', 'PDF 文件', 210_400, 'b'.repeat(64)]);
    for (const row of [48, 49, 50]) {
      expect(merges).toContain(`B${row}:E${row}`);
      expect(merges).toContain(`H${row}:K${row}`);
    }
    expect(sheet.getCell('G49').border?.top?.style).toBe('thin');
  });

  it('says so when there is no evidence', async () => {
    const { sheet, merges } = await render(sampleLedger({ evidence: [] }));

    expect(text(sheet, 'A47')).toBe('证据材料清单');
    expect(text(sheet, 'A49')).toBe('（无证据材料）');
    expect(merges).toContain('A49:K49');
    expect(sheet.pageSetup.printArea).toBe('A1:K49');
  });

  it('prints a zero report as the table head and one row 「（无记录）」', async () => {
    const zero = sampleLedger({ rows: [], evidence: [] });
    const { sheet, merges } = await render(zero, 'ledger-zero.xlsx');

    expect(text(sheet, 'A14')).toBe('序号');
    expect(text(sheet, 'A15')).toBe('（无记录）');
    expect(merges).toContain('A15:K15');
    expect(sheet.getCell('K15').border?.right?.style).toBe('thin');
    expect(text(sheet, 'A16')).toBe('填报说明：');
    expect(text(sheet, 'A24')).toBe('证据材料清单');
    expect(text(sheet, 'A26')).toBe('（无证据材料）');
  });

  it('keeps text that looks like a formula as text, as typed', async () => {
    const typed = ['=1+1', '+SUM(A1)', '-2+3', '@SUM(A1)', '\t=1+1', '=HYPERLINK("http://x","y")'];
    const record: LedgerRow = {
      ...sampleRows[0]!,
      interferer: typed[0]!,
      post: typed[1]!,
      content: typed[2]!,
      recorder: typed[3]!,
      details: { ...sampleRows[0]!.details, phone: typed[4]!, qq: typed[5]!, wechat: '\r=1+1' },
    };
    const { bytes, sheet } = await render(sampleLedger({ rows: [record] }), 'ledger-formulas.xlsx');

    const cells = ['B15', 'C15', 'F15', 'K15', 'J18', 'J19'].map((a) => sheet.getCell(a));
    expect(cells.map((cell) => cell.value)).toEqual(typed);
    for (const cell of [...cells, sheet.getCell('J20')]) {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    }
    // XML reads a carriage return as a line feed; the text stays text all the same.
    expect(sheet.getCell('J20').value).toMatch(/^\s=1\+1$/);
    expect(await sheetXml(bytes)).not.toContain('<f>');
  });

  it('names the workbook after the ledger, the unit and the period', async () => {
    const { workbook } = await render(sampleLedger());

    expect(workbook.creator).toBe('Liuhen 留痕');
    expect(workbook.title).toBe(`${LEDGER_TITLE}（杞县统计局 2020年度第二季度）`);
  });

  it('lays out many records band after band, each with its own merges', async () => {
    const count = 60;
    const { sheet, merges } = await render(buildLedger(count));

    const lastTop = FIRST_BAND + (count - 1) * BAND;
    expect(sheet.getCell(lastTop, 1).value).toBe(count);
    expect(sheet.getCell(lastTop, 2).value).toBe(
      `${sampleRows[(count - 1) % 3]!.interferer}${count}`,
    );
    expect(text(sheet, `A${lastTop + BAND}`)).toBe('填报说明：');
    // Cover 11, table head 4, per band 8 columns and 2 boxes, 7 notes' rows, 证据材料清单
    // heading and its column headings 3, the 「（无证据材料）」 row 1.
    expect(merges.size).toBe(11 + 4 + count * 10 + 7 + 3 + 1);
  });
});

function expectBand(sheet: ExcelJS.Worksheet, record: LedgerRow, top: number): void {
  const cell = (column: string, offset = 0) => sheet.getCell(`${column}${top + offset}`).value;

  expect(cell('A')).toBe(record.seq);
  expect(cell('B')).toBe(record.interferer);
  expect(cell('C')).toBe(record.post);
  expect(cell('D')).toBe(record.level);
  expect(cell('E')).toBe(record.situation);
  expect(cell('F')).toBe(record.content);
  expect(cell('G')).toBe(record.occurredAt);
  expect(cell('K')).toBe(record.recorder);

  let offset = 0;
  for (const box of FORM_BOXES) {
    const mark = box.form === record.form ? CHECKED : UNCHECKED;
    expect(cell('H', offset)).toBe(`${mark} ${box.label}`);
    offset += box.rows;
  }

  DETAIL_ROWS.forEach((detail, i) => {
    expect(cell('I', i)).toBe(detail.label);
    expect(cell('J', i)).toBe(record.details[detail.key] || null);
  });
}

// The values of an evidence row, one per column span: A, B:E, F, G, H:K.
function rowValues(sheet: ExcelJS.Worksheet, row: number): unknown[] {
  return ['A', 'B', 'F', 'G', 'H'].map((column) => sheet.getCell(`${column}${row}`).value);
}
