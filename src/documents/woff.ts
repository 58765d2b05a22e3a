/**
 * WOFF 1.0 unwrapped into OpenType tables, so fonts shipped for the web embed in PDFs quickly.
 *
 * fontkit reads WOFF itself, but inflates its tables with a pure-JavaScript zlib: the 1.5 MB
 * Chinese font took about seven seconds per document that way. node:zlib does the same work in
 * milliseconds, once per process, and fontkit then reads the plain OpenType font.
 *
 * The format is the W3C's WOFF File Format 1.0 (§3 header, §4 table directory, §5 table data).
 */

import { inflateSync } from 'node:zlib';

import type { Sfnt, SfntTable } from './sfnt.js';

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'

const WOFF_HEADER_SIZE = 44;

const WOFF_ENTRY_SIZE = 20;

/**
 * The OpenType font a WOFF 1.0 file wraps, its tables as they were before compression.
 *
 * Precondition: `woff` is a WOFF 1.0 file; a RangeError names what is wrong otherwise (a WOFF2
 * file, a truncated one, a table that does not inflate to its stated length).
 *
 * @example writeSfnt(readWoff(fs.readFileSync('font.woff'))) // the OpenType file
 */
export function readWoff(woff: Uint8Array): Sfnt {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (woff.byteLength < WOFF_HEADER_SIZE || view.getUint32(0) !== WOFF_SIGNATURE) {
    throw new RangeError('woff: got a file without the wOFF signature, want a woff 1.0 font');
  }

  return { flavor: view.getUint32(4), tables: readTables(woff, view, view.getUint16(12)) };
}

// The WOFF directory is sorted by tag (§4), which is also the order OpenType requires.
function readTables(woff: Uint8Array, view: DataView, count: number): SfntTable[] {
  const tables: SfntTable[] = [];
  for (let i = 0; i < count; i++) {
    const at = WOFF_HEADER_SIZE + i * WOFF_ENTRY_SIZE;
    if (at + WOFF_ENTRY_SIZE > woff.byteLength) {
      throw new RangeError(`woff: got ${woff.byteLength} bytes, want room for ${count} tables`);
    }

    const offset = view.getUint32(at + 4);
    const stored = woff.subarray(offset, offset + view.getUint32(at + 8));
    const length = view.getUint32(at + 12);
    const tag = String.fromCharCode(...woff.subarray(at, at + 4));
    tables.push({ tag, data: inflateTable(stored, length) });
  }

  return tables;
}

// §5: a table is stored uncompressed exactly when compressing it would not make it smaller.
function inflateTable(stored: Uint8Array, length: number): Uint8Array {
  const data = stored.byteLength < length ? inflateSync(stored) : stored;
  if (data.byteLength !== length) {
    throw new RangeError(`woff table: got ${data.byteLength} bytes, want ${length}`);
  }

  return data;
}
