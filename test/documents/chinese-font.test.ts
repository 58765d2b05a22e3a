import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import fontkit from '@pdf-lib/fontkit';
import {
  decodePDFRawStream,
  PageSizes,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFRawStream,
} from 'pdf-lib';
import { describe, expect, it } from 'vitest';

import { ChineseFonts, missingGlyphs } from '../../src/documents/chinese-font.js';
import { padGlyphs } from '../../src/documents/glyph-padding.js';
import { fontFileFor, primaryFontFile } from '../../src/documents/noto-sans-sc.js';
import { findTable, writeSfnt } from '../../src/documents/sfnt.js';
import { readWoff } from '../../src/documents/woff.js';

const packageDirectory = dirname(
  createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/package.json'),
);

function woff(slice: string): Buffer {
  return readFileSync(join(packageDirectory, 'files', `noto-sans-sc-${slice}-400-normal.woff`));
}

function outline(font: fontkit.Font, character: string): string {
  return font.glyphForCodePoint(character.codePointAt(0)!).path.toSVG();
}

// The TrueType programs embedded in a PDF (FontFile2 streams), as fontkit reads them.
async function embeddedFonts(bytes: Uint8Array): Promise<fontkit.Font[]> {
  const pdf = await PDFDocument.load(bytes);
  const fonts: fontkit.Font[] = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    const ref = object instanceof PDFDict ? object.get(PDFName.of('FontFile2')) : undefined;
    if (ref !== undefined) {
      const stream = pdf.context.lookup(ref) as PDFRawStream;
      fonts.push(fontkit.create(decodePDFRawStream(stream).decode()));
    }
  }

  return fonts;
}

describe('WOFF unwrapping', () => {
  it('gives the font fontkit reads from the WOFF itself', () => {
    const fromWoff = fontkit.create(woff('latin-ext'));
    const unwrapped = fontkit.create(writeSfnt(readWoff(woff('latin-ext'))));

    expect(unwrapped.characterSet).toEqual(fromWoff.characterSet);
    expect(outline(unwrapped, 'ǚ')).toBe(outline(fromWoff, 'ǚ'));
  });

  it('writes the whole-file checksum OpenType asks for', () => {
    const bytes = writeSfnt(readWoff(woff('latin-ext')));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let sum = 0;
    for (let i = 0; i < bytes.byteLength; i += 4) {
      sum = (sum + view.getUint32(i)) >>> 0;
    }

    expect(sum).toBe(0xb1b0afba);
  });

  it('refuses a file that is not WOFF 1.0', () => {
    const woff2 = readFileSync(join(packageDirectory, 'files', 'noto-sans-sc-4-400-normal.woff2'));

    expect(() => readWoff(woff2)).toThrow(/wOFF signature/);
  });
});

describe('glyph padding', () => {
  const unpadded = readWoff(woff('chinese-simplified'));
  const padded = padGlyphs(unpadded);

  it('puts every glyph on a four-byte boundary, behind a long loca', () => {
    const loca = findTable(padded, 'loca')!;
    const view = new DataView(loca.buffer, loca.byteOffset, loca.byteLength);
    const offsets = Array.from({ length: loca.byteLength / 4 }, (_, i) => view.getUint32(i * 4));

    expect(offsets.filter((offset) => offset % 4 !== 0)).toEqual([]);
  });

  it('leaves the outlines as they were', () => {
    const before = fontkit.create(writeSfnt(unpadded));
    const after = fontkit.create(writeSfnt(padded));
    for (const character of ['王', '喆', 'A', '0', '（']) {
      expect(outline(after, character)).toBe(outline(before, character));
    }
  });

  // Without the padding, fontkit's subsets of this font printed most characters as nothing.
  it('lets a subset embedded in a PDF keep every outline', async () => {
    const pdf = await PDFDocument.create();
    const fonts = await ChineseFonts.embed(pdf);
    fonts.draw(pdf.addPage(PageSizes.A4), '领导干部干预统计工作记录回执ABC0123', {
      x: 50,
      y: 700,
      size: 12,
    });
    const [subset] = await embeddedFonts(await pdf.save());

    expect(subset!.numGlyphs).toBeGreaterThan(20);
    for (let id = 1; id < subset!.numGlyphs; id++) {
      expect(subset!.getGlyph(id).path.toSVG(), `glyph ${id}`).not.toBe('');
    }
  });
});

describe('ChineseFonts', () => {
  it('draws a character outside the common set once its text is prepared', async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage(PageSizes.A4);
    const fonts = await ChineseFonts.embed(pdf);

    expect(fonts.draw(page, '朱鎔基', { x: 50, y: 700, size: 12 }).substituted).toEqual([
      { character: '鎔', placeholder: '〔U+9394〕' },
    ]);
    await fonts.prepare(['朱鎔基']);
    expect(fonts.draw(page, '朱鎔基', { x: 50, y: 680, size: 12 }).substituted).toEqual([]);
  });

  it('measures text as it draws it, placeholders included', async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage(PageSizes.A4);
    const fonts = await ChineseFonts.embed(pdf);
    for (const text of ['王喆 Wang Zhe', '𠮷野', '']) {
      const drawn = fonts.draw(page, text, { x: 50, y: 700, size: 11 });

      expect(drawn.width).toBeCloseTo(fonts.widthOf(text, 11));
    }
  });

  it('takes characters from the primary file first and from slices after', () => {
    expect(fontFileFor('王'.codePointAt(0)!)).toBe(primaryFontFile());
    for (const character of ['ǚ', '鎔', '□']) {
      const file = fontFileFor(character.codePointAt(0)!);

      expect(file?.font.hasGlyphForCodePoint(character.codePointAt(0)!)).toBe(true);
      expect(file).not.toBe(primaryFontFile());
    }

    expect(fontFileFor('䶮'.codePointAt(0)!)).toBeUndefined();
  });

  it('ignores variation selectors, which pick a glyph variant and draw nothing', () => {
    expect(missingGlyphs('王\uFE0F喆\u{E0100}')).toEqual([]);
  });
});
