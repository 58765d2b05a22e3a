/**
 * A ZIP archive built in memory, as the Office formats package their parts (ECMA-376 Part 2
 * §8 and Annex C): each entry stored or deflated by node:zlib, its local header, then the
 * central directory and its end record (APPNOTE.TXT 6.3.10, §4.3). Names are flagged UTF-8
 * (general purpose bit 11, APPNOTE.TXT §4.4.4 and Appendix D), no encryption, no ZIP64.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** The path inside the archive, '/'-separated, no leading '/'. */
  name: string;
  data: Buffer | string | DeflatedBytes;
  /** Keep the bytes as they are (method 0) instead of deflating them (method 8). */
  store?: boolean;
}

/**
 * An entry's bytes deflated piece by piece as they are produced, so a large part is never
 * held whole. Each piece is deflated on its own and ends with a sync flush (an empty stored
 * block, byte-aligned, not final); the pieces one after the other, closed by an empty final
 * block, are one valid deflate stream (RFC 1951 §3.2.3–3.2.4). Each piece starts without a
 * dictionary, which costs a little compression on pieces of a megabyte.
 */
export class DeflatedBytes {
  readonly #level: number | undefined;
  readonly #pieces: Buffer[] = [];
  #crc = 0;
  #size = 0;

  constructor(level?: number) {
    this.#level = level;
  }

  write(bytes: Buffer): void {
    this.#crc = crc32(bytes, this.#crc);
    this.#size += bytes.length;
    const options = { level: this.#level, finishFlush: constants.Z_SYNC_FLUSH };
    this.#pieces.push(deflateRawSync(bytes, options));
  }

  /** The CRC-32 and length of the bytes written, and their deflate stream, closed. */
  finish(): { crc: number; size: number; body: Buffer } {
    return { crc: this.#crc, size: this.#size, body: Buffer.concat([...this.#pieces, FINAL]) };
  }
}

// An empty final block with fixed Huffman codes: BFINAL 1, BTYPE 01, end-of-block 0000000.
const FINAL = Buffer.from([0x03, 0x00]);

export interface ZipOptions {
  /** The entries' modification time, written in local MS-DOS format; now by default. */
  modified?: Date;
  /** zlib's compression level, 1 (fastest) to 9 (smallest). */
  level?: number;
}

const LOCAL_HEADER = 0x04034b50;
const DIRECTORY_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const UTF8_NAMES = 0x0800;
const STORED = 0;
const DEFLATED = 8;

// Without ZIP64 records, counts are 16-bit and sizes and offsets 32-bit (APPNOTE.TXT §4.4).
const MAX_ENTRIES = 0xffff;
const MAX_BYTES = 0xffffffff;

interface PackedEntry {
  name: Buffer;
  method: number;
  crc: number;
  size: number;
  body: Buffer;
  offset: number;
}

/**
 * The archive of `entries`, in their order. An entry whose deflated form is not smaller than
 * its bytes is stored. Throws when the archive would need ZIP64 (65,535 entries or 4 GiB).
 */
export function zipArchive(entries: readonly ZipEntry[], options: ZipOptions = {}): Buffer {
  if (entries.length >= MAX_ENTRIES) {
    throw new Error(`zip: too many entries: got ${entries.length}, want under ${MAX_ENTRIES}`);
  }

  const stamp = dosDateTime(options.modified ?? new Date());
  const parts: Buffer[] = [];
  const packed: PackedEntry[] = [];
  let offset = 0;
  for (const entry of entries) {
    const item = pack(entry, options.level, offset);
    const header = localHeader(item, stamp);
    parts.push(header, item.body);
    packed.push(item);
    offset += header.length + item.body.length;
  }

  const directory = packed.map((item) => directoryHeader(item, stamp));
  const directorySize = directory.reduce((sum, header) => sum + header.length, 0);
  checkBytes(offset + directorySize);

  return Buffer.concat([
    ...parts,
    ...directory,
    endOfDirectory(packed.length, directorySize, offset),
  ]);
}

function pack(entry: ZipEntry, level: number | undefined, offset: number): PackedEntry {
  const name = Buffer.from(entry.name, 'utf8');
  if (entry.data instanceof DeflatedBytes) {
    const { crc, size, body } = entry.data.finish();
    checkBytes(size);

    return { name, method: DEFLATED, crc, size, body, offset };
  }

  const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
  checkBytes(data.length);
  const deflated = entry.store ? undefined : deflateRawSync(data, { level });
  const smaller = deflated !== undefined && deflated.length < data.length;

  return {
    name,
    method: smaller ? DEFLATED : STORED,
    crc: crc32(data),
    size: data.length,
    body: smaller ? deflated : data,
    offset,
  };
}

// Local file header, APPNOTE.TXT §4.3.7: 30 fixed bytes, then the name.
function localHeader(item: PackedEntry, stamp: DosStamp): Buffer {
  const header = Buffer.alloc(30 + item.name.length);
  header.writeUInt32LE(LOCAL_HEADER, 0);
  header.writeUInt16LE(versionNeeded(item), 4);
  header.writeUInt16LE(UTF8_NAMES, 6);
  header.writeUInt16LE(item.method, 8);
  header.writeUInt16LE(stamp.time, 10);
  header.writeUInt16LE(stamp.date, 12);
  header.writeUInt32LE(item.crc, 14);
  header.writeUInt32LE(item.body.length, 18);
  header.writeUInt32LE(item.size, 22);
  header.writeUInt16LE(item.name.length, 26);
  header.writeUInt16LE(0, 28);
  item.name.copy(header, 30);

  return header;
}

// Central directory file header, APPNOTE.TXT §4.3.12: 46 fixed bytes, then the name.
function directoryHeader(item: PackedEntry, stamp: DosStamp): Buffer {
  const header = Buffer.alloc(46 + item.name.length);
  header.writeUInt32LE(DIRECTORY_HEADER, 0);
  header.writeUInt16LE(20, 4); // made by: MS-DOS attributes, specification 2.0
  header.writeUInt16LE(versionNeeded(item), 6);
  header.writeUInt16LE(UTF8_NAMES, 8);
  header.writeUInt16LE(item.method, 10);
  header.writeUInt16LE(stamp.time, 12);
  header.writeUInt16LE(stamp.date, 14);
  header.writeUInt32LE(item.crc, 16);
  header.writeUInt32LE(item.body.length, 20);
  header.writeUInt32LE(item.size, 24);
  header.writeUInt16LE(item.name.length, 28);
  // Extra field, comment, disk number, internal and external attributes: all zero.
  header.writeUInt32LE(item.offset, 42);
  item.name.copy(header, 46);

  return header;
}

// End of central directory record, APPNOTE.TXT §4.3.16: 22 bytes, no comment.
function endOfDirectory(count: number, size: number, offset: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(END_OF_DIRECTORY, 0);
  record.writeUInt16LE(count, 8);
  record.writeUInt16LE(count, 10);
  record.writeUInt32LE(size, 12);
  record.writeUInt32LE(offset, 16);

  return record;
}

// 1.0 suffices to extract a stored entry, 2.0 a deflated one (APPNOTE.TXT §4.4.3.2).
function versionNeeded(item: PackedEntry): number {
  return item.method === DEFLATED ? 20 : 10;
}

function checkBytes(length: number): void {
  if (length > MAX_BYTES) {
    throw new Error(`zip: archive too large: got ${length} bytes, want at most ${MAX_BYTES}`);
  }
}

interface DosStamp {
  date: number;
  time: number;
}

// MS-DOS date and time (APPNOTE.TXT §4.4.6): years from 1980, seconds halved, local time.
function dosDateTime(when: Date): DosStamp {
  const year = Math.min(Math.max(when.getFullYear(), 1980), 2107);

  return {
    date: ((year - 1980) << 9) | ((when.getMonth() + 1) << 5) | when.getDate(),
    time: (when.getHours() << 11) | (when.getMinutes() << 5) | (when.getSeconds() >> 1),
  };
}
