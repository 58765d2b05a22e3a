/**
 * The font files of the npm package `@fontsource/noto-sans-sc` (SIL Open Font License), regular
 * weight: which file draws which character, and each file's bytes, read and parsed once per
 * process.
 *
 * The package cuts Noto Sans SC into web slices. One of them, `chinese-simplified`, holds 7,947
 * characters: all of ASCII and Latin-1, the CJK punctuation, and the Chinese characters in
 * common use, rare name characters such as 喆 堃 玥 燚 赟 included. It is the primary font.
 * About a hundred numbered slices, with `latin-ext`, `cyrillic` and `vietnamese`, add 5,602
 * more (traditional forms such as 鎔, pinyin with tone marks, □, √); the package's
 * `unicode.json` says which slice may hold a character. Nothing in the package draws
 * extension-B characters such as 𠮷, nearly all of extension A (䶮), or ☑.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Font } from '@pdf-lib/fontkit';
import fontkit from '@pdf-lib/fontkit';

import { padGlyphs } from './glyph-padding.js';
import { writeSfnt } from './sfnt.js';
import { readWoff } from './woff.js';

/** One font file of the package, ready to embed. */
export interface FontFile {
  /** The slice's name in `unicode.json`: `chinese-simplified`, `latin-ext`, `[88]`, … */
  readonly slice: string;
  /**
   * The OpenType bytes: the package ships WOFF, unwrapped here for speed (woff.ts), with the
   * glyphs padded so subsets come out whole (glyph-padding.ts).
   */
  readonly bytes: Uint8Array;
  readonly font: Font;
}

interface Slice {
  readonly name: string;
  readonly ranges: readonly (readonly [number, number])[];
}

const PRIMARY_SLICE = 'chinese-simplified';

const packageDirectory = dirname(
  createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/package.json'),
);

const files = new Map<string, FontFile>();

const fileForCodePoint = new Map<number, FontFile | undefined>();

let slices: readonly Slice[] | undefined;

/** The chinese-simplified file, which draws nearly every character a form holds. */
export function primaryFontFile(): FontFile {
  return loadFile(PRIMARY_SLICE);
}

/**
 * The file that draws `codePoint`: the primary file when it can, otherwise the first slice
 * that both claims the code point in `unicode.json` and has a glyph for it; undefined when no
 * file of the package has one.
 */
export function fontFileFor(codePoint: number): FontFile | undefined {
  if (!fileForCodePoint.has(codePoint)) {
    fileForCodePoint.set(codePoint, findFile(codePoint));
  }

  return fileForCodePoint.get(codePoint);
}

/** The parsed font of bytes this module loaded, so they need not be parsed twice. */
export function parsedFontOf(bytes: Uint8Array): Font | undefined {
  for (const file of files.values()) {
    if (file.bytes === bytes) {
      return file.font;
    }
  }

  return undefined;
}

function findFile(codePoint: number): FontFile | undefined {
  const primary = primaryFontFile();
  if (primary.font.hasGlyphForCodePoint(codePoint)) {
    return primary;
  }

  for (const slice of listSlices()) {
    if (slice.name !== PRIMARY_SLICE && claims(slice, codePoint)) {
      const file = loadFile(slice.name);
      if (file.font.hasGlyphForCodePoint(codePoint)) {
        return file;
      }
    }
  }

  return undefined;
}

function claims(slice: Slice, codePoint: number): boolean {
  return slice.ranges.some(([first, last]) => codePoint >= first && codePoint <= last);
}

function loadFile(slice: string): FontFile {
  let file = files.get(slice);
  if (file === undefined) {
    const woff = readFileSync(join(packageDirectory, 'files', fileName(slice)));
    const bytes = writeSfnt(padGlyphs(readWoff(woff)));
    file = { slice, bytes, font: fontkit.create(bytes) };
    files.set(slice, file);
  }

  return file;
}

// unicode.json names numbered slices `[88]` and the others by their subset name.
function fileName(slice: string): string {
  const number = /^\[(\d+)\]$/.exec(slice)?.[1];

  return `noto-sans-sc-${number ?? slice}-400-normal.woff`;
}

function listSlices(): readonly Slice[] {
  if (slices === undefined) {
    const text = readFileSync(join(packageDirectory, 'unicode.json'), 'utf8');
    const entries = Object.entries(JSON.parse(text) as Record<string, string>);
    slices = entries.map(([name, ranges]) => ({ name, ranges: parseUnicodeRanges(ranges) }));
  }

  return slices;
}

// CSS unicode-range syntax as the package writes it: `U+4e00,U+4e03-4e05`.
function parseUnicodeRanges(text: string): [number, number][] {
  return text.split(',').map((range) => {
    const [first, last] = range.trim().replace(/^U\+/i, '').split('-');
    const start = Number.parseInt(first ?? '', 16);

    return [start, last === undefined ? start : Number.parseInt(last, 16)];
  });
}
