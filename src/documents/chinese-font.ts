/**
 * Chinese text in PDFs: Noto Sans SC embedded as subsets, so a one-page document stays a few
 * tens of kilobytes and needs no font on the reader's machine (DESIGN.md, "A Chinese font for
 * PDFs, from npm").
 *
 * Each character is drawn from the first file of the package that has it (noto-sans-sc.ts).
 * A character that none has, such as 䶮 or 𠮷 in a person's name, is never dropped: it is drawn
 * as its code point in brackets, 〔U+4DAE〕, and reported back, so the caller can tell the user.
 *
 *     const fonts = await ChineseFonts.embed(pdf, ['记录人：王喆']);
 *     const drawn = fonts.draw(page, '记录人：王喆', { x: 56, y: 700, size: 11 });
 *     drawn.substituted; // [] — every character had a glyph
 */

import { createHash } from 'node:crypto';

import fontkit from '@pdf-lib/fontkit';
import { type Color, type PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';

import { type FontFile, fontFileFor, parsedFontOf, primaryFontFile } from './noto-sans-sc.js';

/** A character no embedded font draws, and what was drawn in its place. */
export interface Substitution {
  readonly character: string;
  /** The visible stand-in, e.g. `〔U+4DAE〕`. */
  readonly placeholder: string;
}

export interface TextStyle {
  /** Font size in points. */
  readonly size: number;
  readonly color?: Color;
}

export interface DrawnText {
  /** How far the text reaches to the right of `x`, in points. */
  readonly width: number;
  /** Every character drawn as a placeholder, in order, repeats included. */
  readonly substituted: readonly Substitution[];
}

// Consecutive characters drawn by one file; `file` is undefined for one character none has.
interface Run {
  readonly file: FontFile | undefined;
  readonly text: string;
}

// Stand-ins are drawn in a dark red, so a reader sees at once that something is not as written.
const PLACEHOLDER_COLOR = rgb(0.6, 0.1, 0.1);

/**
 * The characters of `text` that no shipped font can draw, each once, in order of appearance.
 *
 * @example missingGlyphs('王䶮𠮷') // ['䶮', '𠮷']
 */
export function missingGlyphs(text: string): string[] {
  const missing = new Set<string>();
  for (const character of text) {
    if (!isVariationSelector(character) && fontFileFor(character.codePointAt(0)!) === undefined) {
      missing.add(character);
    }
  }

  return [...missing];
}

/**
 * What is drawn for a character no font has: its code point, so the original can be recovered.
 *
 * @example placeholderFor('䶮') // '〔U+4DAE〕'
 */
export function placeholderFor(character: string): string {
  const hex = character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

  return `〔U+${hex}〕`;
}

/**
 * The Noto Sans SC files embedded in one PDF document, and text drawing with them.
 *
 * Only files some prepared text needs are embedded, each as a subset of the glyphs drawn.
 * Drawing a character whose file was not prepared draws its placeholder and reports it, as
 * for a character no file has: prepare every text before drawing it.
 */
export class ChineseFonts {
  private readonly embedded = new Map<string, PDFFont>();

  private constructor(private readonly pdf: PDFDocument) {}

  /** Registers fontkit with `pdf` and embeds the primary file and any that `texts` need. */
  static async embed(pdf: PDFDocument, texts: Iterable<string> = []): Promise<ChineseFonts> {
    pdf.registerFontkit(cachedFontkit);
    const fonts = new ChineseFonts(pdf);
    await fonts.embedFile(primaryFontFile());
    await fonts.prepare(texts);

    return fonts;
  }

  /** Embeds the further files that `texts` need. */
  async prepare(texts: Iterable<string>): Promise<void> {
    for (const text of texts) {
      for (const run of runsOf(text)) {
        if (run.file !== undefined) {
          await this.embedFile(run.file);
        }
      }
    }
  }

  /** The width of `text` as {@link draw} sets it, in points. */
  widthOf(text: string, size: number): number {
    return this.pieces(text).reduce(
      (sum, piece) => sum + piece.font.widthOfTextAtSize(piece.text, size),
      0,
    );
  }

  /** Draws one line of `text` with its baseline starting at (x, y). */
  draw(page: PDFPage, text: string, at: TextStyle & { x: number; y: number }): DrawnText {
    let x = at.x;
    const substituted: Substitution[] = [];
    for (const piece of this.pieces(text)) {
      const color = piece.substitution === undefined ? at.color : PLACEHOLDER_COLOR;
      page.drawText(piece.text, { x, y: at.y, size: at.size, font: piece.font, color });
      x += piece.font.widthOfTextAtSize(piece.text, at.size);
      if (piece.substitution !== undefined) {
        substituted.push(piece.substitution);
      }
    }

    return { width: x - at.x, substituted };
  }

  private pieces(text: string): { font: PDFFont; text: string; substitution?: Substitution }[] {
    return runsOf(text).map((run) => {
      const font = run.file === undefined ? undefined : this.embedded.get(run.file.slice);
      if (font !== undefined) {
        return { font, text: run.text };
      }

      const placeholder = placeholderFor(run.text);

      return {
        font: this.primary(),
        text: placeholder,
        substitution: { character: run.text, placeholder },
      };
    });
  }

  private primary(): PDFFont {
    return this.embedded.get(primaryFontFile().slice)!;
  }

  private async embedFile(file: FontFile): Promise<void> {
    if (!this.embedded.has(file.slice)) {
      const customName = `${subsetTag(file.slice)}+NotoSansSC-Regular`;
      const font = await this.pdf.embedFont(file.bytes, { subset: true, customName });
      this.embedded.set(file.slice, font);
    }
  }
}

/**
 * Splits `text` into runs drawn by one file each; a character no file has is a run of its own
 * with no file. Variation selectors are left out: they pick a glyph variant that these fonts
 * do not have, and the base character alone is still the right character.
 */
function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  for (const character of text) {
    if (isVariationSelector(character)) {
      continue;
    }

    const file = fontFileFor(character.codePointAt(0)!);
    const last = runs.at(-1);
    if (file !== undefined && last?.file === file) {
      runs[runs.length - 1] = { file, text: last.text + character };
    } else {
      runs.push({ file, text: character });
    }
  }

  return runs;
}

function isVariationSelector(character: string): boolean {
  const codePoint = character.codePointAt(0)!;

  return (
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) || (codePoint >= 0xe0100 && codePoint <= 0xe01ef)
  );
}

// ISO 32000-1 §9.6.4: a subset font's name starts with a tag of six capital letters and `+`,
// different for different subsets in one file. Deriving it from the slice name keeps it stable.
function subsetTag(slice: string): string {
  const digest = createHash('sha256').update(slice).digest();

  return Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join(
    '',
  );
}

// pdf-lib parses the font bytes again for every document; handing it the font already parsed
// for coverage saves that work and reuses fontkit's glyph caches.
const cachedFontkit = {
  create(bytes: Uint8Array) {
    return parsedFontOf(bytes) ?? fontkit.create(bytes);
  },
};
