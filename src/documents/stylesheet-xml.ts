/**
 * The styles part of a workbook (ECMA-376 Part 1 §18.8) for a small fixed set of cell
 * formats: each format becomes one cellXfs entry, sharing fonts, fills and borders with the
 * others where they are equal. Cells refer to a format by the index this module hands back.
 */
import { escapeXml, MAIN_NS, XML_DECLARATION } from './sheet-xml.js';

export interface CellFormat {
  font: { name: string; size: number; bold?: boolean };
  alignment?: {
    horizontal?: 'left' | 'center' | 'right';
    vertical?: 'top' | 'center' | 'bottom';
    wrapText?: boolean;
  };
  /** A thin line on all four sides. */
  border?: 'thin';
  /** A solid fill, as ARGB hex: 'FFF2F2F2'. */
  fill?: string;
  /** A number format code: '#,##0'. */
  numberFormat?: string;
}

export interface Stylesheet<K extends string> {
  xml: string;
  /** Each format's cellXfs index, the s attribute of the cells that use it. */
  ids: Readonly<Record<K, number>>;
}

// The formats every spreadsheet application knows by number (§18.8.30); others from 164.
const BUILT_IN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
};
const FIRST_CUSTOM_FORMAT = 164;

// Index 0 of each list is what unstyled cells use; Excel reserves fills 0 and 1 (§18.8.21).
const DEFAULT_FONT = '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>';
const RESERVED_FILLS = [
  '<fill><patternFill patternType="none"/></fill>',
  '<fill><patternFill patternType="gray125"/></fill>',
];
const NO_BORDER = '<border><left/><right/><top/><bottom/><diagonal/></border>';
const THIN_BORDER =
  '<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border>';

/** The styles part for `formats`, cellXfs 0 being the default and the formats from 1 on. */
export function stylesheetXml<K extends string>(formats: Readonly<Record<K, CellFormat>>) {
  const fonts = new Pool([DEFAULT_FONT]);
  const fills = new Pool(RESERVED_FILLS);
  const borders = new Pool([NO_BORDER]);
  const numberFormats = new Map<string, number>();
  const xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  const ids = {} as Record<K, number>;

  for (const [name, format] of Object.entries(formats) as Array<[K, CellFormat]>) {
    const numFmtId = numberFormatId(format.numberFormat, numberFormats);
    ids[name] = xfs.length;
    xfs.push(
      xfXml(format, {
        numFmtId,
        fontId: fonts.add(fontXml(format.font)),
        fillId: format.fill ? fills.add(fillXml(format.fill)) : 0,
        borderId: format.border ? borders.add(THIN_BORDER) : 0,
      }),
    );
  }

  const xml = [
    XML_DECLARATION,
    `<styleSheet xmlns="${MAIN_NS}">`,
    numberFormatsXml(numberFormats),
    fonts.toXml('fonts'),
    fills.toXml('fills'),
    borders.toXml('borders'),
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>',
    `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>`,
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>',
    '<dxfs count="0"/><tableStyles count="0"/>',
    '</styleSheet>',
  ].join('');

  return { xml, ids } satisfies Stylesheet<K>;
}

/** Distinct XML elements in order of first use, each known by its index. */
class Pool {
  readonly #items: string[];

  constructor(initial: readonly string[]) {
    this.#items = [...initial];
  }

  add(xml: string): number {
    const found = this.#items.indexOf(xml);
    if (found >= 0) return found;

    this.#items.push(xml);

    return this.#items.length - 1;
  }

  toXml(tag: string): string {
    return `<${tag} count="${this.#items.length}">${this.#items.join('')}</${tag}>`;
  }
}

interface XfIds {
  numFmtId: number;
  fontId: number;
  fillId: number;
  borderId: number;
}

function xfXml(format: CellFormat, ids: XfIds): string {
  const applied = [
    ids.numFmtId ? ' applyNumberFormat="1"' : '',
    ' applyFont="1"',
    ids.fillId ? ' applyFill="1"' : '',
    ids.borderId ? ' applyBorder="1"' : '',
    format.alignment ? ' applyAlignment="1"' : '',
  ].join('');
  const head = `<xf numFmtId="${ids.numFmtId}" fontId="${ids.fontId}" fillId="${ids.fillId}" borderId="${ids.borderId}" xfId="0"${applied}`;
  if (!format.alignment) return `${head}/>`;

  return `${head}>${alignmentXml(format.alignment)}</xf>`;
}

function alignmentXml(alignment: NonNullable<CellFormat['alignment']>): string {
  const horizontal = alignment.horizontal ? ` horizontal="${alignment.horizontal}"` : '';
  const vertical = alignment.vertical ? ` vertical="${alignment.vertical}"` : '';
  const wrap = alignment.wrapText ? ' wrapText="1"' : '';

  return `<alignment${horizontal}${vertical}${wrap}/>`;
}

function fontXml(font: CellFormat['font']): string {
  const bold = font.bold ? '<b/>' : '';

  return `<font>${bold}<sz val="${font.size}"/><name val="${escapeXml(font.name)}"/></font>`;
}

function fillXml(argb: string): string {
  return `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/></patternFill></fill>`;
}

function numberFormatId(code: string | undefined, custom: Map<string, number>): number {
  if (code === undefined) return 0;

  const builtIn = BUILT_IN_FORMATS[code];
  if (builtIn !== undefined) return builtIn;

  const id = custom.get(code) ?? FIRST_CUSTOM_FORMAT + custom.size;
  custom.set(code, id);

  return id;
}

function numberFormatsXml(custom: ReadonlyMap<string, number>): string {
  if (custom.size === 0) return '';

  const items = [...custom].map(
    ([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`,
  );

  return `<numFmts count="${custom.size}">${items.join('')}</numFmts>`;
}
