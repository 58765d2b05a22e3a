/**
 * Ruled tables on PDF pages, drawn as the paper forms are: a grid of columns, cells merged
 * across columns and down the sub-rows of a band, Chinese text wrapped inside its cell and
 * centred in it, check boxes drawn as vector squares.
 *
 * A band is one row as the reader sees it: a record of the ledger (eight sub-rows), a line of
 * the evidence list, the header. Its sub-rows grow to fit the wrapped text, and
 * {@link PdfTable.flow} keeps each band on one page, repeating the header on every page.
 *
 *     const table = new PdfTable(widths, [40, 120], style);
 *     table.flow(flow, table.layout(header), bands.map((band) => table.layout(band)));
 */

import {
  type Color,
  lineTo,
  moveTo,
  type PDFOperator,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setLineWidth,
  setStrokingColor,
  stroke,
} from 'pdf-lib';

import { FormXObjects } from './form-xobjects.js';
import type { PageFlow } from './page-flow.js';
import type { TextWidths } from './text-widths.js';

export interface TableStyle {
  /** Font size of cell text, in points. */
  readonly size: number;
  /** Baseline to baseline inside a cell. */
  readonly leading: number;
  /** Space between a cell's border and its text: x at the sides, y above and below. */
  readonly padding: { readonly x: number; readonly y: number };
  /** The height of a sub-row holding at most one line. */
  readonly rowHeight: number;
  readonly color?: Color;
}

export interface Cell {
  readonly text: string;
  /** The first column, from 0. */
  readonly column: number;
  /** How many columns the cell spans; 1 by default. */
  readonly columns?: number;
  /** The first sub-row of the band, from 0. */
  readonly row?: number;
  /** How many sub-rows the cell spans; 1 by default. */
  readonly rows?: number;
  /** Centred by default. */
  readonly align?: 'left' | 'centre' | 'right';
  /** A check box before the text, ticked when true. */
  readonly check?: boolean;
  /** A font size for this cell, smaller for machine text such as hashes. */
  readonly size?: number;
  /**
   * Printed on the form itself, the same in every band (a label): drawn once into an XObject
   * with the grid and reused for bands of the same shape (form-xobjects.ts). Only the tick of
   * a check box is drawn band by band.
   */
  readonly fixed?: boolean;
}

export interface Band {
  /** Sub-rows; 1 for a plain row. */
  readonly rows: number;
  readonly cells: readonly Cell[];
  /** The least height of each sub-row, instead of the style's row height. */
  readonly rowHeights?: readonly number[];
}

/** A band with its text broken into lines and its sub-rows sized to fit them. */
export interface BandLayout {
  readonly rowHeights: readonly number[];
  readonly height: number;
  readonly cells: readonly PlacedCell[];
}

interface PlacedCell {
  readonly cell: Cell;
  readonly lines: readonly string[];
  /** Continued text reads from the top; whole text is centred in its cell. */
  readonly top: boolean;
  /** Whether the check box is drawn: only beside the first line of the cell's text. */
  readonly boxed: boolean;
}

// Noto Sans SC: ascender 0.88 em, descender 0.12 em, so the middle of the glyphs stands 0.38 em
// above the baseline; text is centred on that middle.
const GLYPH_MIDDLE = 0.38;

const BOX_GAP = 2;

const BORDER_WIDTH = 0.6;

const MARK_WIDTH = 0.8;

type Part = 'all' | 'fixed' | 'variable';

const INK = rgb(0, 0, 0);

export class PdfTable {
  private readonly lefts: number[];

  private readonly stamps = new FormXObjects();

  constructor(
    private readonly widths: TextWidths,
    readonly columns: readonly number[],
    readonly style: TableStyle,
  ) {
    this.lefts = columns.map((_, i) => sum(columns, 0, i));
  }

  /** The width of the whole table. */
  get width(): number {
    return sum(this.columns, 0, this.columns.length);
  }

  /**
   * Breaks each cell's text into lines and sizes the sub-rows: each grows to fit its one-row
   * cells, then a merged cell that still lacks room shares the lack out over its sub-rows.
   */
  layout(band: Band): BandLayout {
    const cells = band.cells.map((cell) => this.placeCell(cell, this.linesOf(cell), false, true));

    return this.size(band.rows, cells, band.rowHeights);
  }

  /**
   * Draws `band` on `page` with its top left corner at (left, top); the grid and the fixed
   * cells come from one XObject when a band of the same shape was drawn before.
   */
  async draw(page: PDFPage, band: BandLayout, left: number, top: number): Promise<void> {
    const size = { width: this.width, height: band.height };
    const drawFixed = (scratch: PDFPage) => this.drawParts(scratch, band, 0, band.height, 'fixed');
    const stamp = await this.stamps.of(page.doc, shapeOf(band), size, drawFixed);
    if (stamp === undefined) {
      this.drawParts(page, band, left, top, 'all');
    } else {
      page.drawPage(stamp, { x: left, y: top - band.height });
      this.drawParts(page, band, left, top, 'variable');
    }
  }

  /**
   * Draws `header` and then `bands` down the flow. A band that does not fit below the last
   * goes to a new page, which starts with the header again.
   *
   * Limitation: a band taller than a whole page (a 干预内容 of thousands of characters) is cut
   * at the page foot, its cut cells continuing at the top of the next page; when its one-row
   * cells alone are taller than a page, the row that holds them runs past the foot.
   */
  async flow(
    flow: PageFlow,
    header: BandLayout | undefined,
    bands: Iterable<BandLayout>,
  ): Promise<void> {
    const newPage = async () => {
      flow.newPage();
      await this.drawAtCursor(flow, header);
    };

    // Only on a page holding nothing above it but the header may a band be cut.
    const underHeader = () => flow.y === flow.pageTop - (header?.height ?? 0);

    flow.ensure((header?.height ?? 0) + this.style.rowHeight);
    await this.drawAtCursor(flow, header);
    for (let band of bands) {
      if (!underHeader() && flow.y - band.height < flow.bottom) {
        await newPage();
      }

      while (band.height > flow.y - flow.bottom) {
        const [first, rest] = this.split(band, flow.y - flow.bottom);
        if (rest.height >= band.height) {
          break;
        }

        await this.drawAtCursor(flow, first);
        await newPage();
        band = rest;
      }

      await this.drawAtCursor(flow, band);
    }
  }

  /**
   * Cuts `band` at `height` from its top: the sub-row crossing the cut ends there, and the
   * cells crossing it keep the lines that fit; the rest, laid out again, is the second band.
   */
  split(band: BandLayout, height: number): [BandLayout, BandLayout] {
    const { rowHeights } = band;
    let cut = 0;
    let above = 0;
    while (cut < rowHeights.length - 1 && above + rowHeights[cut]! <= height) {
      above += rowHeights[cut]!;
      cut++;
    }

    const first: PlacedCell[] = [];
    const rest: PlacedCell[] = [];
    for (const placed of band.cells) {
      const { row, rows } = spanOf(placed.cell);
      if (row + rows <= cut) {
        first.push(placed);
      } else if (row > cut) {
        rest.push({ ...placed, cell: { ...placed.cell, row: row - cut } });
      } else {
        const room = height - sum(rowHeights, 0, row) - 2 * this.style.padding.y;
        const fit = Math.max(0, Math.floor(room / this.leadingOf(placed.cell)));
        const head = { ...placed.cell, rows: cut - row + 1 };
        const tail = { ...placed.cell, row: 0, rows: row + rows - cut };
        first.push(this.placeCell(head, placed.lines.slice(0, fit), true, placed.boxed));
        rest.push(this.placeCell(tail, placed.lines.slice(fit), true, placed.boxed && fit === 0));
      }
    }

    const firstRows = [...rowHeights.slice(0, cut), height - above];

    return [
      { rowHeights: firstRows, height, cells: first },
      this.size(rowHeights.length - cut, rest),
    ];
  }

  private async drawAtCursor(flow: PageFlow, band: BandLayout | undefined): Promise<void> {
    if (band !== undefined) {
      await this.draw(flow.page, band, flow.left, flow.y);
      flow.skip(band.height);
    }
  }

  // The grid and the fixed cells are one part; the other cells and the ticks are the other.
  private drawParts(page: PDFPage, band: BandLayout, left: number, top: number, part: Part) {
    const borders: PDFOperator[] = [];
    const marks: PDFOperator[] = [];
    for (const placed of band.cells) {
      const box = this.boxOf(band, placed.cell, left, top);
      if (part !== 'variable') {
        borders.push(rectangle(box.x, box.y - box.height, box.width, box.height));
      }

      this.drawCell(page, placed, box, part, marks);
    }

    strokePath(page, BORDER_WIDTH, borders);
    strokePath(page, MARK_WIDTH, marks);
  }

  private placeCell(
    cell: Cell,
    lines: readonly string[],
    top: boolean,
    boxed: boolean,
  ): PlacedCell {
    return { cell, lines, top, boxed: boxed && cell.check !== undefined };
  }

  private size(rows: number, cells: PlacedCell[], least?: readonly number[]): BandLayout {
    const rowHeights = Array.from({ length: rows }, (_, i) => least?.[i] ?? this.style.rowHeight);
    const bySpan = [...cells].sort((a, b) => spanOf(a.cell).rows - spanOf(b.cell).rows);
    for (const placed of bySpan) {
      const { row, rows: span } = spanOf(placed.cell);
      const lack = this.heightOf(placed) - sum(rowHeights, row, row + span);
      for (let i = row; lack > 0 && i < row + span; i++) {
        rowHeights[i]! += lack / span;
      }
    }

    return { rowHeights, height: sum(rowHeights, 0, rows), cells };
  }

  private linesOf(cell: Cell): string[] {
    const box = cell.check === undefined ? 0 : this.boxSide(cell) + BOX_GAP;
    const width = this.widthOf(cell) - 2 * this.style.padding.x - box;

    return this.widths.lines(cell.text, width, this.sizeOf(cell));
  }

  private heightOf(placed: PlacedCell): number {
    return placed.lines.length * this.leadingOf(placed.cell) + 2 * this.style.padding.y;
  }

  private boxOf(band: BandLayout, cell: Cell, left: number, top: number) {
    const { row, rows } = spanOf(cell);

    return {
      x: left + this.lefts[cell.column]!,
      y: top - sum(band.rowHeights, 0, row),
      width: this.widthOf(cell),
      height: sum(band.rowHeights, row, row + rows),
    };
  }

  // The cell's text and check box when they belong to `part`; box and tick go into `marks`.
  private drawCell(page: PDFPage, placed: PlacedCell, box: Box, part: Part, marks: PDFOperator[]) {
    const { cell, lines } = placed;
    const printed = part === 'all' || (cell.fixed === true) === (part === 'fixed');
    const size = this.sizeOf(cell);
    const leading = this.leadingOf(cell);
    const block = lines.length * leading;
    const blockTop = placed.top ? box.y - this.style.padding.y : box.y - (box.height - block) / 2;
    const color = this.style.color ?? INK;
    lines.forEach((line, i) => {
      const y = blockTop - i * leading - leading / 2 - GLYPH_MIDDLE * size;
      const boxed = placed.boxed && i === 0;
      const indent = boxed ? this.boxSide(cell) + BOX_GAP : 0;
      const x = this.alignedX(cell, box, indent + this.widths.of(line, size));
      if (boxed) {
        const tick = cell.check === true && part !== 'fixed';
        this.checkBox(x, y, this.boxSide(cell), { square: printed, tick }, marks);
      }

      if (printed) {
        this.widths.fonts.draw(page, line, { x: x + indent, y, size, color });
      }
    });
  }

  private alignedX(cell: Cell, box: Box, width: number): number {
    const padding = this.style.padding.x;
    if (cell.align === 'left') {
      return box.x + padding;
    }

    if (cell.align === 'right') {
      return box.x + box.width - padding - width;
    }

    return box.x + (box.width - width) / 2;
  }

  // A square standing on the baseline's descender, as high as a Chinese character; a tick in it
  // when checked. Drawn, as no font of the package has ☑ or ☐ (noto-sans-sc.ts).
  private checkBox(
    x: number,
    baseline: number,
    side: number,
    draw: { square: boolean; tick: boolean },
    marks: PDFOperator[],
  ): void {
    const y = baseline - side * 0.1;
    if (draw.square) {
      marks.push(rectangle(x, y, side, side));
    }

    if (draw.tick) {
      marks.push(
        moveTo(x + side * 0.18, y + side * 0.52),
        lineTo(x + side * 0.42, y + side * 0.22),
        lineTo(x + side * 0.86, y + side * 0.86),
      );
    }
  }

  private boxSide(cell: Cell): number {
    return this.sizeOf(cell) * 0.9;
  }

  private widthOf(cell: Cell): number {
    return sum(this.columns, cell.column, cell.column + (cell.columns ?? 1));
  }

  private sizeOf(cell: Cell): number {
    return cell.size ?? this.style.size;
  }

  private leadingOf(cell: Cell): number {
    return (this.style.leading * this.sizeOf(cell)) / this.style.size;
  }
}

interface Box {
  readonly x: number;
  /** The top edge. */
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

// What makes two bands look alike but for their variable text: row heights, cells, labels.
function shapeOf(band: BandLayout): string {
  const rows = band.rowHeights.map((height) => height.toFixed(2)).join(',');
  const cells = band.cells.map(({ cell, lines, boxed }) => {
    const place = `${cell.column},${cell.columns ?? 1},${cell.row ?? 0},${cell.rows ?? 1}`;

    return cell.fixed === true ? `${place},${boxed},${cell.size},${lines.join('\n')}` : place;
  });

  return `${rows}|${cells.join(';')}`;
}

function strokePath(page: PDFPage, width: number, path: PDFOperator[]): void {
  if (path.length > 0) {
    const style = [pushGraphicsState(), setStrokingColor(INK), setLineWidth(width)];
    page.pushOperators(...style, ...path, stroke(), popGraphicsState());
  }
}

function spanOf(cell: Cell): { row: number; rows: number } {
  return { row: cell.row ?? 0, rows: cell.rows ?? 1 };
}

function sum(values: readonly number[], from: number, to: number): number {
  let total = 0;
  for (let i = from; i < to; i++) {
    total += values[i]!;
  }

  return total;
}
