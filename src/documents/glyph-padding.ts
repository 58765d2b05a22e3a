/**
 * TrueType glyphs padded to whole words, so that fontkit's subsetter writes them correctly.
 *
 * fontkit (as bundled in @pdf-lib/fontkit 1.1) writes a subset's 'loca' table in the short
 * format whenever the subset's glyphs total under 128 KB, and the short format stores every
 * offset halved. A font that stores its glyphs unpadded behind a long 'loca', as the
 * chinese-simplified file of Noto Sans SC does (4,104 odd offsets), then yields subsets whose
 * offsets point into the middle of glyphs: the text still extracts, but most characters print
 * as nothing. Padding each glyph to four bytes, the alignment the OpenType 'loca' chapter
 * recommends, keeps every offset even; the outlines are unchanged.
 */

import { findTable, padded, replaceTables, type Sfnt } from './sfnt.js';

// Byte offsets of fields: 'head' indexToLocFormat, 'maxp' numGlyphs.
const INDEX_TO_LOC_FORMAT = 50;
const NUM_GLYPHS = 4;

/**
 * `sfnt` with every glyph of its 'glyf' table starting on a four-byte boundary and a long
 * 'loca'; a font without TrueType outlines (CFF) is returned as it is.
 */
export function padGlyphs(sfnt: Sfnt): Sfnt {
  const head = findTable(sfnt, 'head');
  const loca = findTable(sfnt, 'loca');
  const glyf = findTable(sfnt, 'glyf');
  const maxp = findTable(sfnt, 'maxp');
  if (head === undefined || loca === undefined || glyf === undefined || maxp === undefined) {
    return sfnt;
  }

  const longFormat = viewOf(head).getInt16(INDEX_TO_LOC_FORMAT) === 1;
  const offsets = readOffsets(loca, viewOf(maxp).getUint16(NUM_GLYPHS) + 1, longFormat);
  const layout = paddedLayout(glyf, offsets);
  const newHead = head.slice();
  viewOf(newHead).setInt16(INDEX_TO_LOC_FORMAT, 1);

  return replaceTables(sfnt, { head: newHead, loca: layout.loca, glyf: layout.glyf });
}

function readOffsets(loca: Uint8Array, count: number, longFormat: boolean): number[] {
  const view = viewOf(loca);

  return Array.from({ length: count }, (_, i) =>
    longFormat ? view.getUint32(i * 4) : view.getUint16(i * 2) * 2,
  );
}

function paddedLayout(glyf: Uint8Array, offsets: readonly number[]) {
  const glyphs = offsets.slice(0, -1).map((start, i) => glyf.subarray(start, offsets[i + 1]));
  const total = glyphs.reduce((sum, glyph) => sum + padded(glyph.byteLength), 0);
  const newGlyf = new Uint8Array(total);
  const newLoca = new Uint8Array(offsets.length * 4);
  const locaView = viewOf(newLoca);

  let offset = 0;
  glyphs.forEach((glyph, i) => {
    locaView.setUint32(i * 4, offset);
    newGlyf.set(glyph, offset);
    offset += padded(glyph.byteLength);
  });
  locaView.setUint32(glyphs.length * 4, offset);

  return { glyf: newGlyf, loca: newLoca };
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
