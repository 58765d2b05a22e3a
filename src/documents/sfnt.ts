/**
 * OpenType font files (the "sfnt" container) as a list of tables, and back to bytes with the
 * checksums the format asks for (OpenType spec, "Organization of an OpenType Font").
 */

/** A font as its flavor (0x00010000 for TrueType outlines, 'OTTO' for CFF) and its tables. */
export interface Sfnt {
  readonly flavor: number;
  /** Sorted by tag, as the table directory must be. */
  readonly tables: readonly SfntTable[];
}

export interface SfntTable {
  /** Four ASCII characters, e.g. `glyf`. */
  readonly tag: string;
  readonly data: Uint8Array;
}

const HEADER_SIZE = 12;

const RECORD_SIZE = 16;

// The 'head' table's checkSumAdjustment makes the whole file sum to this constant.
const FILE_CHECKSUM = 0xb1b0afba;

const ADJUSTMENT_OFFSET = 8;

/** The table tagged `tag`, if the font has one. */
export function findTable(sfnt: Sfnt, tag: string): Uint8Array | undefined {
  return sfnt.tables.find((table) => table.tag === tag)?.data;
}

/** The font with the tables in `changes` replacing those of the same tag. */
export function replaceTables(sfnt: Sfnt, changes: Record<string, Uint8Array>): Sfnt {
  const tables = sfnt.tables.map((table) => ({
    tag: table.tag,
    data: changes[table.tag] ?? table.data,
  }));

  return { flavor: sfnt.flavor, tables };
}

/**
 * The font file: offset table, table records with fresh checksums, tables on four-byte
 * boundaries, and the 'head' checksum adjustment set for the whole file.
 */
export function writeSfnt(sfnt: Sfnt): Uint8Array {
  const directorySize = HEADER_SIZE + sfnt.tables.length * RECORD_SIZE;
  const total = sfnt.tables.reduce(
    (sum, table) => sum + padded(table.data.byteLength),
    directorySize,
  );
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  writeOffsetTable(view, sfnt.flavor, sfnt.tables.length);

  let offset = directorySize;
  let headOffset: number | undefined;
  sfnt.tables.forEach((table, i) => {
    bytes.set(table.data, offset);
    if (table.tag === 'head') {
      headOffset = offset;
      view.setUint32(offset + ADJUSTMENT_OFFSET, 0);
    }

    writeRecord(view, HEADER_SIZE + i * RECORD_SIZE, table.tag, offset, table.data.byteLength);
    offset += padded(table.data.byteLength);
  });

  if (headOffset !== undefined) {
    const adjustment = (FILE_CHECKSUM - checksum(bytes, 0, total)) >>> 0;
    view.setUint32(headOffset + ADJUSTMENT_OFFSET, adjustment);
  }

  return bytes;
}

function writeRecord(view: DataView, at: number, tag: string, offset: number, length: number) {
  for (let i = 0; i < 4; i++) {
    view.setUint8(at + i, tag.charCodeAt(i));
  }

  view.setUint32(at + 4, checksum(new Uint8Array(view.buffer), offset, length));
  view.setUint32(at + 8, offset);
  view.setUint32(at + 12, length);
}

// The binary-search fields of the table directory, derived from the table count.
function writeOffsetTable(view: DataView, flavor: number, count: number): void {
  const entrySelector = Math.floor(Math.log2(Math.max(count, 1)));
  const searchRange = 2 ** entrySelector * RECORD_SIZE;
  view.setUint32(0, flavor);
  view.setUint16(4, count);
  view.setUint16(6, searchRange);
  view.setUint16(8, entrySelector);
  view.setUint16(10, count * RECORD_SIZE - searchRange);
}

// The sum of the big-endian 32-bit words of a table, modulo 2^32. In the file being written a
// table is followed by its zero padding, so whole words can be read.
function checksum(bytes: Uint8Array, offset: number, length: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, padded(length));
  let sum = 0;
  for (let i = 0; i < view.byteLength; i += 4) {
    sum = (sum + view.getUint32(i)) >>> 0;
  }

  return sum;
}

/** Tables start on four-byte boundaries, padded with zeros. */
export function padded(length: number): number {
  return Math.ceil(length / 4) * 4;
}
