/**
 * Writing text on one PDF page: single lines, centred lines and wrapped paragraphs, with every
 * character a font could not draw collected in one list, so a document can tell its reader.
 */

import type { PDFPage } from 'pdf-lib';

import type { ChineseFonts, Substitution, TextStyle } from './chinese-font.js';
import { breakLines } from './line-breaking.js';

export interface ParagraphStyle extends TextStyle {
  /** Baseline to baseline, in points. */
  readonly leading: number;
}

export class PageText {
  /** Every placeholder drawn on the page so far, in drawing order. */
  readonly substituted: Substitution[] = [];

  constructor(
    readonly page: PDFPage,
    readonly fonts: ChineseFonts,
  ) {}

  /** Draws one line with its baseline starting at (x, y); returns its width. */
  line(text: string, x: number, y: number, style: TextStyle): number {
    const drawn = this.fonts.draw(this.page, text, { ...style, x, y });
    this.substituted.push(...drawn.substituted);

    return drawn.width;
  }

  /** Draws one line centred on `centre`. */
  centred(text: string, centre: number, y: number, style: TextStyle): void {
    this.line(text, centre - this.fonts.widthOf(text, style.size) / 2, y, style);
  }

  /**
   * Draws `text` broken into lines of at most `width`, the first baseline at `y`; returns the
   * baseline of the last line.
   */
  paragraph(text: string, x: number, y: number, width: number, style: ParagraphStyle): number {
    const lines = this.lines(text, width, style.size);
    lines.forEach((line, i) => {
      this.line(line, x, y - i * style.leading, style);
    });

    return y - (lines.length - 1) * style.leading;
  }

  /** The lines {@link paragraph} would draw. */
  lines(text: string, width: number, size: number): string[] {
    return breakLines(text, width, (piece) => this.fonts.widthOf(piece, size));
  }
}
