/**
 * The building blocks of a Chinese official document in Word (GB/T 9704-2012): the page and its
 * type area, the fonts by role with the substitutes Word and WPS fall back to, body paragraphs,
 * headings, bordered tables and the 「— 1 —」 page numbers. The annual report and the referral
 * letter are made of them.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  type FileChild,
  Footer,
  HighlightColor,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';

// GB/T 9704-2012 §5.2: 天头 37 mm, 订口 28 mm, type area 156 × 225 mm. Twips (1 mm ≈ 56.7).
export const PAGE = {
  width: 11906,
  height: 16838,
  top: 2098,
  bottom: 1984,
  left: 1587,
  right: 1474,
};
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
// 22 lines in 225 mm: a pitch of 28.95 pt, the 「固定值 28.95 磅」 of government templates.
export const LINE = 579;
export const CHAR = 320; // one 三号 character, for indents given in characters

// The names GB/T 9704 templates use; fontTable.xml below gives Word and WPS their substitutes.
export const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading: '黑体',
  subheading: '楷体_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
};
export type FontRole = Exclude<keyof typeof FONT, 'latin'>;

export const SIZE = { title: 44, body: 32, table: 24, pageNumber: 28 }; // half-points: 二号, 三号, 小四, 四号

export interface RunStyle {
  font?: FontRole;
  size?: number;
  highlight?: boolean;
}

export function run(text: string, style: RunStyle = {}): TextRun {
  const eastAsia = FONT[style.font ?? 'body'];

  return new TextRun({
    text,
    font: { ascii: FONT.latin, hAnsi: FONT.latin, eastAsia, cs: FONT.latin, hint: 'eastAsia' },
    size: style.size ?? SIZE.body,
    ...(style.highlight ? { highlight: HighlightColor.YELLOW } : {}),
  });
}

export const exactLine = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

/** A body paragraph of 仿宋 三号, first line indented two characters. */
export function body(text: string, style: RunStyle = {}): Paragraph {
  return new Paragraph({
    children: [run(text, style)],
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 2 * CHAR },
    spacing: exactLine,
  });
}

/** Text the author must replace: bracketed and highlighted so it cannot be missed. */
export function placeholder(text: string): Paragraph {
  return body(`（请在此${text}……）`, { highlight: true });
}

/** 「一、」 headings in 黑体, 「（一）」 headings in 楷体 (GB/T 9704 §7.3.3). */
export function heading(text: string, font: FontRole = 'heading'): Paragraph {
  return new Paragraph({
    children: [run(text, { font })],
    indent: { firstLine: 2 * CHAR },
    spacing: exactLine,
    keepNext: true,
  });
}

// A title of two or three lines needs more than the body's pitch between its lines.
export const TITLE_LINE = 700;

export function centred(text: string, style: RunStyle): Paragraph {
  return new Paragraph({
    children: [run(text, style)],
    alignment: AlignmentType.CENTER,
    spacing: { ...exactLine, line: style.size === SIZE.title ? TITLE_LINE : LINE },
    keepNext: true,
  });
}

export function flush(text: string, style: RunStyle = {}): Paragraph {
  return new Paragraph({ children: [run(text, style)], spacing: exactLine });
}

export type Cell = string | number;

export const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
export const borders = {
  top: border,
  bottom: border,
  left: border,
  right: border,
  insideHorizontal: border,
  insideVertical: border,
};

export function cell(
  value: Cell,
  options: { span?: number; header?: boolean; left?: boolean } = {},
) {
  const text = String(value);
  const alignment = options.left ? AlignmentType.LEFT : AlignmentType.CENTER;

  return new TableCell({
    children: [
      new Paragraph({
        children: [run(text, { size: SIZE.table, font: options.header ? 'heading' : 'body' })],
        alignment,
        // Exact spacing keeps cell text off the page's line grid, which would double its height.
        spacing: { line: 360, lineRule: LineRuleType.EXACT, before: 40, after: 40 },
      }),
    ],
    ...(options.span === undefined ? {} : { columnSpan: options.span }),
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 60, right: 60 },
  });
}

/**
 * A bordered table across the type area; widths are relative (about twips for 小四 text:
 * 240 a character plus 120 of cell margins), scaled to fill the 156 mm line.
 */
export function table(widths: readonly number[], rows: TableRow[]): Table {
  const scale = TEXT_WIDTH / widths.reduce((a, b) => a + b, 0);
  const columnWidths = widths.map((w) => Math.floor(w * scale));

  return new Table({
    rows,
    columnWidths,
    width: { size: columnWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders,
  });
}

export function headerRow(labels: readonly string[]): TableRow {
  return new TableRow({
    children: labels.map((l) => cell(l, { header: true })),
    tableHeader: true,
    cantSplit: true,
  });
}

export function dataRow(values: readonly Cell[], leftColumn = -1): TableRow {
  return new TableRow({
    children: values.map((v, i) => cell(v, { left: i === leftColumn })),
    cantSplit: true,
  });
}

export function caption(text: string): Paragraph {
  return centred(text, { font: 'heading', size: SIZE.table + 4 });
}

export function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const style = { font: FONT.pageNumber, size: SIZE.pageNumber };
  const font = { ascii: FONT.pageNumber, hAnsi: FONT.pageNumber, eastAsia: FONT.pageNumber };
  const children: ParagraphChild[] = [
    new TextRun({ text: '— ', font, size: style.size }),
    new TextRun({ children: [PageNumber.CURRENT], font, size: style.size }),
    new TextRun({ text: ' —', font, size: style.size }),
  ];

  // GB/T 9704 §7.5: odd pages on the right, even pages on the left, one character in.
  return new Footer({
    children: [
      new Paragraph({
        children,
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: SIZE.pageNumber * 10 } : { left: SIZE.pageNumber * 10 },
      }),
    ],
  });
}

// Word and WPS look a missing font up by its alternative names, then by panose and charset
// (86 = GB2312), so a machine without the GB/T 9704 fonts still shows a Song, Fangsong, Hei
// or Kai face rather than a Latin fallback.
export const FONT_TABLE: ReadonlyArray<
  [name: string, alt: string, panose: string, family: string]
> = [
  [FONT.title, '方正小标宋_GBK,华文中宋,宋体', '02000000000000000000', 'roman'],
  [FONT.body, '仿宋,FangSong,STFangsong', '02010609030101010101', 'modern'],
  [FONT.heading, 'SimHei,STHeiti', '02010609060101010101', 'modern'],
  [FONT.subheading, '楷体,KaiTi,STKaiti', '02010609030101010101', 'modern'],
  [FONT.pageNumber, 'SimSun,STSong', '02010600030101010101', 'auto'],
];

export function fontTableXml(): string {
  const fonts = FONT_TABLE.map(
    ([name, alt, panose, family]) =>
      `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:panose1 w:val="${panose}"/>` +
      `<w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="variable"/></w:font>`,
  ).join('');
  const latin =
    `<w:font w:name="${FONT.latin}"><w:panose1 w:val="02020603050405020304"/>` +
    '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>';

  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `${fonts}${latin}</w:fonts>`
  );
}

/**
 * A document on the official layout (GB/T 9704): A4 with its margins and line grid, 仿宋 三号
 * body text, page numbers outside on odd and even pages, and the font table naming the
 * Chinese fonts Word and WPS should use.
 */
export function renderOfficialDocx(document: {
  title: string;
  creator: string;
  children: FileChild[];
}): Promise<Buffer> {
  const doc = new Document({
    title: document.title,
    creator: document.creator,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: FONT.latin, hAnsi: FONT.latin, eastAsia: FONT.body },
            size: SIZE.body,
            language: { value: 'en-US', eastAsia: 'zh-CN' },
          },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.top,
              bottom: PAGE.bottom,
              left: PAGE.left,
              right: PAGE.right,
              header: 851,
              footer: 1304,
            },
          },
          grid: { type: DocumentGridType.LINES, linePitch: LINE },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: document.children,
      },
    ],
  });

  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
