/**
 * The worksheet text writer: cell references, escaping (XML 1.0 §2.2 and Excel's _xHHHH_
 * escape), shared strings, and a sheet read back by exceljs with its values' types intact.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  columnName,
  escapeXml,
  rangeRef,
  SharedStrings,
  type SheetLayout,
  WorksheetXml,
} from '../../src/documents/sheet-xml.js';
import { stylesheetXml } from '../../src/documents/stylesheet-xml.js';
import { xlsxPackage } from '../../src/documents/xlsx-package.js';
import { DeflatedBytes } from '../../src/documents/zip-writer.js';

const LAYOUT: SheetLayout = {
  columnWidths: [10, 20],
  showGridLines: true,
  print: {
    paperSize: 9,
    orientation: 'portrait',
    margins: { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  },
};

function sheetText(write: (sheet: WorksheetXml) => void): string {
  const bytes: Buffer[] = [];
  const sheet = new WorksheetXml(new SharedStrings(), LAYOUT, {
    write: (chunk) => bytes.push(Buffer.from(chunk)),
  });
  write(sheet);
  sheet.end();

  return Buffer.concat(bytes).toString('utf8');
}

describe('columnName and rangeRef', () => {
  it.each([
    [1, 'A'],
    [11, 'K'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [702, 'ZZ'],
    [703, 'AAA'],
    [16_384, 'XFD'],
  ])('column %i is %s', (column, name) => {
    expect(columnName(column)).toBe(name);
  });

  it('names a rectangle by its corners', () => {
    expect(rangeRef(15, 1, 22, 1)).toBe('A15:A22');
    expect(rangeRef(48, 8, 48, 11)).toBe('H48:K48');
  });
});

describe('escapeXml', () => {
  it.each([
    ['plain text is returned as is', '记录台账 A1', '记录台账 A1'],
    ['markup is escaped', '<a href="x">&</a>', '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;'],
    ['tab, line feed and carriage return stay', 'a\tb\nc\rd', 'a\tb\nc\rd'],
    ['other C0 controls are removed', 'a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg', 'abcdefg'],
    ['U+FFFE and U+FFFF are removed', 'a\uFFFEb\uFFFFc', 'abc'],
    ['DEL and C1 controls are legal XML and stay', 'a\u007Fb\u0085c', 'a\u007Fb\u0085c'],
    ['a literal _xHHHH_ is kept literal', 'a_x0041_b', 'a_x005F_x0041_b'],
    ['lower-case hex is escaped too', '_x00e9_', '_x005F_x00e9_'],
    ['an underscore not before xHHHH_ stays', 'file_x1.txt _x12_', 'file_x1.txt _x12_'],
  ])('%s', (_, text, escaped) => {
    expect(escapeXml(text)).toBe(escaped);
  });
});

describe('SharedStrings', () => {
  it('stores each text once and counts every reference', () => {
    const strings = new SharedStrings();

    expect(['甲', '乙', '甲', '丙', '乙'].map((text) => strings.indexOf(text))).toEqual([
      0, 1, 0, 2, 1,
    ]);
    expect(strings.toXml()).toContain('count="5" uniqueCount="3"');
  });

  it('keeps leading and trailing white space and line breaks', () => {
    const strings = new SharedStrings();
    for (const text of [' lead', 'trail\t', 'two\nlines', 'plain']) strings.indexOf(text);

    const xml = strings.toXml();
    expect(xml).toContain('<t xml:space="preserve"> lead</t>');
    expect(xml).toContain('<t xml:space="preserve">trail\t</t>');
    expect(xml).toContain('<t xml:space="preserve">two\nlines</t>');
    expect(xml).toContain('<t>plain</t>');
  });
});

describe('WorksheetXml', () => {
  it('writes text as shared strings, numbers as numbers, empty cells styled', () => {
    const xml = sheetText((sheet) => {
      sheet.row(1, 20, ['=1+1', 42, '', null], [1, 2, 3, 4]);
    });

    expect(xml).toContain(
      '<row r="1" ht="20" customHeight="1"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="2"><v>42</v></c><c r="C1" s="3"/><c r="D1" s="4"/></row>',
    );
    expect(xml).not.toContain('<f>');
  });

  it('writes merges, the page set-up and the row breaks after the rows', () => {
    const xml = sheetText((sheet) => {
      sheet.row(1, 15, ['a'], 0);
      sheet.merge(1, 1, 2, 2);
      sheet.breakAfter(1);
    });

    expect(xml).toMatch(
      /<\/sheetData><mergeCells count="1"><mergeCell ref="A1:B2"\/><\/mergeCells><pageMargins [^>]*\/><pageSetup paperSize="9" orientation="portrait"\/><rowBreaks count="1" manualBreakCount="1"><brk id="1" max="16383" man="1"\/><\/rowBreaks><\/worksheet>$/,
    );
  });

  it('refuses rows out of order and numbers that are not finite', () => {
    sheetText((sheet) => {
      sheet.row(2, 15, ['a'], 0);
      expect(() => sheet.row(2, 15, ['b'], 0)).toThrow('row out of order: got 2, want above 2');
      expect(() => sheet.row(3, 15, [Number.NaN], 0)).toThrow('got NaN, want a finite number');
    });
  });

  it('reads back with exceljs: text that looks like a formula stays text', async () => {
    const strings = new SharedStrings();
    const part = new DeflatedBytes();
    const sheet = new WorksheetXml(strings, LAYOUT, part);
    const typed = ['=1+1', '+x', '-1', '@SUM(A1)', 'a\u0001b', 'x_x0041_y'];
    const styles = stylesheetXml({ plain: { font: { name: '宋体', size: 11 } } });
    sheet.row(1, 15, typed, styles.ids.plain);
    sheet.row(2, 15, [-1, 1.5, 1e21], styles.ids.plain);
    sheet.end();
    const bytes = xlsxPackage({
      sheetName: "O'Brien & 台账",
      sheet: part,
      sharedStrings: strings.toXml(),
      styles: styles.xml,
      printArea: 'A1:F2',
      properties: { creator: 'a', lastModifiedBy: 'b', title: 'c', subject: 'd', description: 'e' },
    });

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const read = book.getWorksheet("O'Brien & 台账")!;
    const values = typed.map((_, i) => read.getCell(1, i + 1));
    expect(values.map((cell) => cell.value)).toEqual([
      '=1+1',
      '+x',
      '-1',
      '@SUM(A1)',
      'ab',
      'x_x0041_y',
    ]);
    for (const cell of values) expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect([1, 2, 3].map((column) => read.getCell(2, column).value)).toEqual([-1, 1.5, 1e21]);
    expect(read.pageSetup.printArea).toBe('A1:F2');
  });
});
