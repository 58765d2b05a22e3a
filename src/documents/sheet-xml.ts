/**
 * A worksheet part and its shared strings (ECMA-376 Part 1 §18.3 and §18.4) written as text,
 * row after row, for workbooks too large to build cell objects for. Text cells always refer
 * to a shared string (t="s"), so no value is ever read as a formula; numbers are numbers.
 */

export type CellValue = string | number | null;

/** What a sheet looks like on screen and in print, apart from its cells. */
export interface SheetLayout {
  /** Widths of columns A, B, … in characters of the default font. */
  columnWidths: readonly number[];
  showGridLines: boolean;
  print: PrintSetup;
}

/** How a printed sheet is laid out (CT_PageSetup, CT_PageMargins), margins in inches. */
export interface PrintSetup {
  /** SpreadsheetML paper size code: 9 is A4. */
  paperSize: number;
  orientation: 'portrait' | 'landscape';
  /** Pages across and down to shrink the print to; 0 leaves that direction unbounded. */
  fitTo?: { width: number; height: number };
  margins: {
    left: number;
    right: number;
    top: number;
    bottom: number;
    header: number;
    footer: number;
  };
  /** The footer of every page, with the codes of §18.3.1.44 (&P page, &N pages). */
  footer?: string;
}

// Characters XML 1.0 does not allow (§2.2 Char): C0 controls other than tab, LF and CR, and
// U+FFFE, U+FFFF. Lone surrogates need no care: UTF-8 encoding turns them into U+FFFD.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed.
const ILLEGAL = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters that need work.
const NEEDS_WORK = /[&<>"\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
const MARKUP = /[&<>"]/g;
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};
// Excel reads _xHHHH_ in a string as the character U+HHHH (§22.9.2.19 ST_Xstring); a literal
// one is kept by escaping its underscore the same way, as Excel itself does.
const ESCAPE_LIKE = /_(?=x[0-9A-Fa-f]{4}_)/g;

/**
 * `text` as XML character data or an attribute value: markup escaped, characters XML 1.0
 * forbids removed, and anything that reads as Excel's _xHHHH_ escape kept literal.
 */
export function escapeXml(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;

  return text
    .replace(ILLEGAL, '')
    .replace(ESCAPE_LIKE, '_x005F_')
    .replace(MARKUP, (char) => ENTITIES[char]!);
}

const COLUMN_NAMES: string[] = [];

/** The letters of a 1-based column number: 1 is A, 27 is AA. */
export function columnName(column: number): string {
  const known = COLUMN_NAMES[column];
  if (known !== undefined) return known;

  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  COLUMN_NAMES[column] = name;

  return name;
}

export function cellRef(column: number, row: number): string {
  return `${columnName(column)}${row}`;
}

export function rangeRef(top: number, left: number, bottom: number, right: number): string {
  return `${cellRef(left, top)}:${cellRef(right, bottom)}`;
}

/** The shared string table: each distinct text stored once, cells refer to it by index. */
export class SharedStrings {
  readonly #indexes = new Map<string, number>();
  readonly #items: string[] = [];
  #references = 0;

  indexOf(text: string): number {
    this.#references += 1;
    let index = this.#indexes.get(text);
    if (index === undefined) {
      index = this.#items.length;
      this.#indexes.set(text, index);
      this.#items.push(stringItem(text));
    }

    return index;
  }

  toXml(): string {
    const items = this.#items;

    return `${XML_DECLARATION}<sst xmlns="${MAIN_NS}" count="${this.#references}" uniqueCount="${items.length}">${items.join('')}</sst>`;
  }
}

// Leading or trailing white space and line breaks survive only with xml:space="preserve".
function stringItem(text: string): string {
  const escaped = escapeXml(text);
  const space = /^\s|\s$|\n/.test(escaped) ? ' xml:space="preserve"' : '';

  return `<si><t${space}>${escaped}</t></si>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Where a part's bytes go as they are produced: DeflatedBytes of zip-writer.ts, say. */
export interface ByteSink {
  write(bytes: Buffer): void;
}

/**
 * One worksheet's XML, written row by row into `sink` as UTF-8, a megabyte at a time. Rows
 * must come in increasing order; merged ranges must not overlap one another (Excel refuses
 * such a file), which this class does not check. The part is complete after `end()`.
 */
export class WorksheetXml {
  readonly #strings: SharedStrings;
  readonly #layout: SheetLayout;
  readonly #out: Utf8Chunks;
  readonly #merges: string[] = [];
  readonly #breaks: number[] = [];
  #lastRow = 0;

  constructor(strings: SharedStrings, layout: SheetLayout, sink: ByteSink) {
    this.#strings = strings;
    this.#layout = layout;
    this.#out = new Utf8Chunks(sink);
    this.#out.write(headXml(layout));
  }

  /**
   * Row `rowNumber`, `height` points tall, its cells from column A: a value per column, each
   * with `style` or its own entry of it (a cellXfs index). An empty string or null leaves the
   * cell empty but styled, so its borders and fill still print.
   */
  row(
    rowNumber: number,
    height: number,
    values: readonly CellValue[],
    style: number | readonly number[],
  ): void {
    if (rowNumber <= this.#lastRow) {
      throw new Error(`sheet: row out of order: got ${rowNumber}, want above ${this.#lastRow}`);
    }

    let xml = `<row r="${rowNumber}" ht="${height}" customHeight="1">`;
    for (let i = 0; i < values.length; i++) {
      const s = typeof style === 'number' ? style : style[i]!;
      xml += this.#cell(`${columnName(i + 1)}${rowNumber}`, values[i] ?? null, s);
    }
    this.#out.write(`${xml}</row>`);
    this.#lastRow = rowNumber;
  }

  #cell(ref: string, value: CellValue, style: number): string {
    if (value === null || value === '') return `<c r="${ref}" s="${style}"/>`;
    if (typeof value === 'string') {
      return `<c r="${ref}" s="${style}" t="s"><v>${this.#strings.indexOf(value)}</v></c>`;
    }
    if (!Number.isFinite(value)) {
      throw new Error(`sheet: cell ${ref}: got ${value}, want a finite number`);
    }

    return `<c r="${ref}" s="${style}"><v>${value}</v></c>`;
  }

  /** Merges the rectangle; its top left cell shows the value. */
  merge(top: number, left: number, bottom: number, right: number): void {
    this.#merges.push(`<mergeCell ref="${rangeRef(top, left, bottom, right)}"/>`);
  }

  /** A manual page break after `row`. */
  breakAfter(row: number): void {
    this.#breaks.push(row);
  }

  /** Closes the rows and writes the merges and the print settings (§18.3.1.99's order). */
  end(): void {
    const merges = this.#merges;
    const mergeCells = merges.length
      ? `<mergeCells count="${merges.length}">${merges.join('')}</mergeCells>`
      : '';
    this.#out.write(
      `</sheetData>${mergeCells}${printXml(this.#layout.print)}${rowBreaksXml(this.#breaks)}</worksheet>`,
    );
    this.#out.flush();
  }
}

// Everything before the first row: the sheet's properties, view and columns.
function headXml(layout: SheetLayout): string {
  return [
    XML_DECLARATION,
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`,
    layout.print.fitTo ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '',
    `<sheetViews><sheetView showGridLines="${layout.showGridLines ? 1 : 0}" workbookViewId="0"/></sheetViews>`,
    '<sheetFormatPr defaultRowHeight="15"/>',
    columnsXml(layout.columnWidths),
    '<sheetData>',
  ].join('');
}

// §18.3.1.73: `max` is the last column the break spans, 16383 (XFD) for the whole row.
function rowBreaksXml(breaks: readonly number[]): string {
  if (breaks.length === 0) return '';

  const items = breaks.map((row) => `<brk id="${row}" max="16383" man="1"/>`).join('');

  return `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${items}</rowBreaks>`;
}

function columnsXml(widths: readonly number[]): string {
  if (widths.length === 0) return '';

  const columns = widths.map(
    (width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`,
  );

  return `<cols>${columns.join('')}</cols>`;
}

function printXml(print: PrintSetup): string {
  const m = print.margins;
  const margins = `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`;
  const fit = print.fitTo
    ? ` fitToWidth="${print.fitTo.width}" fitToHeight="${print.fitTo.height}"`
    : '';
  const setup = `<pageSetup paperSize="${print.paperSize}" orientation="${print.orientation}"${fit}/>`;
  const footer = print.footer
    ? `<headerFooter><oddFooter>${escapeXml(print.footer)}</oddFooter></headerFooter>`
    : '';

  return margins + setup + footer;
}

/**
 * Text encoded as UTF-8 into one reused buffer of a megabyte, handed to the sink whenever it
 * fills: a large sheet's rows become garbage at once instead of living on as one long string.
 */
class Utf8Chunks {
  readonly #sink: ByteSink;
  #buffer = Buffer.allocUnsafe(1 << 20);
  #used = 0;

  constructor(sink: ByteSink) {
    this.#sink = sink;
  }

  write(text: string): void {
    // A UTF-16 code unit takes at most three bytes of UTF-8.
    const most = text.length * 3;
    if (this.#used + most > this.#buffer.length) {
      this.flush();
      if (most > this.#buffer.length) this.#buffer = Buffer.allocUnsafe(most);
    }
    this.#used += this.#buffer.write(text, this.#used, 'utf8');
  }

  /** Hands what was written so far to the sink; the sink must not keep the buffer. */
  flush(): void {
    if (this.#used === 0) return;

    this.#sink.write(this.#buffer.subarray(0, this.#used));
    this.#used = 0;
  }
}
