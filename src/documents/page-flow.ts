/**
 * Text and tables flowing down the pages of a document: a cursor on the current page that
 * starts a new page, with its running head, when what comes next does not fit above the
 * bottom margin.
 */

import type { Color, PDFDocument, PDFPage } from 'pdf-lib';

import type { TextWidths } from './text-widths.js';

export interface FlowStyle {
  readonly size: number;
  /** Baseline to baseline, in points. */
  readonly leading: number;
  readonly color?: Color;
}

export interface PageFlowOptions {
  /** [width, height] of every page, in points. */
  readonly size: readonly [number, number];
  readonly margin: number;
  /** Space kept free above the bottom margin, for the page number. */
  readonly footer: number;
  /** Draws what each new page starts with; returns the y where the flow continues. */
  readonly start: (page: PDFPage) => number;
}

export class PageFlow {
  /** The page being filled; a page is added by the first {@link newPage}. */
  page!: PDFPage;
  /** The top of the free space on the page, in points from the bottom edge. */
  y = 0;

  /** Where the flow began on the page, below its running head. */
  pageTop = 0;

  constructor(
    readonly pdf: PDFDocument,
    readonly widths: TextWidths,
    readonly options: PageFlowOptions,
  ) {}

  get left(): number {
    return this.options.margin;
  }

  get width(): number {
    return this.options.size[0] - 2 * this.options.margin;
  }

  /** The lowest y anything may reach. */
  get bottom(): number {
    return this.options.margin + this.options.footer;
  }

  newPage(): void {
    this.page = this.pdf.addPage([...this.options.size]);
    this.y = this.options.start(this.page);
    this.pageTop = this.y;
  }

  /** Starts a new page unless `height` fits above the bottom. */
  ensure(height: number): void {
    if (this.y - height < this.bottom) {
      this.newPage();
    }
  }

  /** Moves the cursor down by `height`. */
  skip(height: number): void {
    this.y -= height;
  }

  /** Draws `text` wrapped to the flow's width less `indent`, a new page wherever it is full. */
  paragraph(text: string, style: FlowStyle, indent = 0): void {
    for (const line of this.widths.lines(text, this.width - indent, style.size)) {
      this.ensure(style.leading);
      this.y -= style.leading;
      this.widths.fonts.draw(this.page, line, { ...style, x: this.left + indent, y: this.y });
    }
  }
}
