/**
 * Text widths and line breaks for documents of many pages, measured once per character.
 *
 * A 10,000-record ledger wraps some 200,000 cell texts; asking the font to lay out every
 * candidate line would shape the same characters again and again. Summing cached advances
 * gives the width the font gives: it kerns no Chinese text, and a kerned Latin pair (AV, To)
 * comes out a fraction of a point wide, so a line never overflows.
 *
 *     const widths = new TextWidths(fonts);
 *     widths.of('记录人', 10); // 30: a Chinese character is one em wide
 *     widths.lines(content, 170, 8); // the lines of 干预内容 in its column
 */

import type { ChineseFonts } from './chinese-font.js';
import { breakLines } from './line-breaking.js';

export class TextWidths {
  // The advance of each character at size 1, placeholders for missing characters included.
  private readonly advances = new Map<string, number>();

  private readonly broken = new Map<string, string[]>();

  constructor(readonly fonts: ChineseFonts) {}

  /** The width of `text` at `size`, in points, as ChineseFonts.draw sets it. */
  of(text: string, size: number): number {
    let width = 0;
    for (const character of text) {
      width += this.advance(character);
    }

    return width * size;
  }

  /**
   * The lines of `text` broken to fit `width` at `size` (line-breaking.ts); no lines for
   * empty text. The same text at the same width is broken once.
   */
  lines(text: string, width: number, size: number): string[] {
    if (text === '') {
      return [];
    }

    const key = `${size}:${width}:${text}`;
    let lines = this.broken.get(key);
    if (lines === undefined) {
      lines = breakLines(text, width, (piece) => this.of(piece, size));
      this.broken.set(key, lines);
    }

    return lines;
  }

  private advance(character: string): number {
    let advance = this.advances.get(character);
    if (advance === undefined) {
      advance = this.fonts.widthOf(character, 1);
      this.advances.set(character, advance);
    }

    return advance;
  }
}
