/**
 * Opens an uploaded file as an Excel workbook, refusing what is not one before exceljs reads
 * it: too large, not a ZIP, a ZIP that is no .xlsx (ISO/IEC 29500), or a sheet with more rows
 * than one import takes. Rows are counted by streaming each sheet's XML, stopping at the
 * limit, so a 50,000-row file is refused in well under a second instead of being loaded.
 */
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { fail } from '../platform/errors.js';
import { XLSX } from '../records/media-type.js';
import './merge-index.js';
import {
  findZipDirectory,
  officeTypeOfZipDirectory,
  ZIP_END_SEARCH_BYTES,
} from '../records/zip-directory.js';

/** The largest file one import reads (a 20,000-row template is about 3 MB). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** The most rows with content one sheet may have. */
export const MAX_IMPORT_ROWS = 20_000;
/**
 * The most bytes all parts of one workbook may inflate to. A full 20,000-row ledger inflates
 * to some 60 MB; a ZIP bomb (a few MB of zeros deflated) would otherwise be expanded in memory
 * by the reader before anything could count it.
 */
export const MAX_INFLATED_BYTES = 200 * 1024 * 1024;

const LOCAL_HEADER = 0x04034b50;
const DIRECTORY_ENTRY = 0x02014b50;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
  /** Unix mode in the high 16 bits when the archive was made on Unix (APPNOTE.TXT §4.4.15). */
  externalAttributes: number;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

export async function openWorkbook(file: Buffer): Promise<ExcelJS.Workbook> {
  if (file.length > MAX_IMPORT_BYTES) fail('IMPORT_TOO_LARGE');
  if (file.length < 4 || file.readUInt32LE(0) !== LOCAL_HEADER) fail('IMPORT_NOT_XLSX');

  const entries = zipEntries(file);
  refuseUnsafeEntries(entries);
  let inflated = 0;
  for (const entry of entries) {
    inflated += await inflatedSize(file, entry, MAX_INFLATED_BYTES - inflated);
    if (inflated > MAX_INFLATED_BYTES) fail('IMPORT_UNSAFE_ARCHIVE');
  }
  for (const entry of entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name))) {
    const rows = await countRows(file, entry, MAX_IMPORT_ROWS);
    if (rows > MAX_IMPORT_ROWS) {
      const message = `文件中的工作表超过 ${MAX_IMPORT_ROWS} 行，超出单次导入的上限，请分成多个文件导入（每个不超过 ${MAX_IMPORT_ROWS} 行）`;
      fail('IMPORT_TOO_MANY_ROWS', undefined, message);
    }
  }

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    fail('IMPORT_UNREADABLE');
  }

  return workbook;
}

/** The central directory's entries; refuses a ZIP that is not an Excel package. */
function zipEntries(file: Buffer): ZipEntry[] {
  const tail = file.subarray(Math.max(0, file.length - ZIP_END_SEARCH_BYTES));
  const where = findZipDirectory(tail, file.length);
  if (!where) fail('IMPORT_UNREADABLE');

  const directory = file.subarray(where.offset, where.offset + where.size);
  if (officeTypeOfZipDirectory(directory)?.mediaType !== XLSX) {
    fail(
      'IMPORT_NOT_XLSX',
      undefined,
      '上传的是压缩包或其他 Office 文件，不是 Excel 工作簿（.xlsx），请选择台账的 Excel 文件',
    );
  }

  // Central directory headers (APPNOTE.TXT §4.3.12): 46 fixed bytes, then name, extra, comment.
  const entries: ZipEntry[] = [];
  for (
    let at = 0;
    at + 46 <= directory.length && directory.readUInt32LE(at) === DIRECTORY_ENTRY;
  ) {
    const nameLength = directory.readUInt16LE(at + 28);
    entries.push({
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      localOffset: directory.readUInt32LE(at + 42),
      externalAttributes: directory.readUInt32LE(at + 38),
    });
    at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
  }

  return entries;
}

/**
 * An Excel file has no business holding links or paths that climb out of the package: a
 * reader that unpacks it to disk could be made to write anywhere. Refused before reading.
 */
function refuseUnsafeEntries(entries: readonly ZipEntry[]): void {
  for (const entry of entries) {
    const segments = entry.name.split(/[/\\]/);
    const climbs = segments.includes('..');
    const absolute = /^([/\\]|[A-Za-z]:)/.test(entry.name);
    const link = ((entry.externalAttributes >>> 16) & S_IFMT) === S_IFLNK;
    if (climbs || absolute || link || entry.name.includes('\0')) fail('IMPORT_UNSAFE_ARCHIVE');
  }
}

/** The bytes an entry inflates to, counted while streaming and stopping just past `cap`. */
async function inflatedSize(file: Buffer, entry: ZipEntry, cap: number): Promise<number> {
  let size = 0;
  await streamEntry(file, entry, (chunk) => {
    size += chunk.length;
    return size > cap;
  });

  return size;
}

/**
 * Feeds an entry's inflated bytes to `take` chunk by chunk until it returns true. Fails as
 * unreadable on a broken header or stream.
 */
async function streamEntry(
  file: Buffer,
  entry: ZipEntry,
  take: (chunk: Buffer) => boolean,
): Promise<void> {
  // Local file header (APPNOTE.TXT §4.3.7): 30 fixed bytes, then the name and extra field.
  const at = entry.localOffset;
  if (at + 30 > file.length || file.readUInt32LE(at) !== LOCAL_HEADER) fail('IMPORT_UNREADABLE');
  const start = at + 30 + file.readUInt16LE(at + 26) + file.readUInt16LE(at + 28);
  const data = file.subarray(start, start + entry.compressedSize);
  if (entry.method !== 0 && entry.method !== 8) fail('IMPORT_UNREADABLE');

  const source = Readable.from([data]);
  const stream = entry.method === 8 ? source.pipe(createInflateRaw()) : source;
  try {
    for await (const chunk of stream) if (take(chunk as Buffer)) break;
  } catch {
    fail('IMPORT_UNREADABLE');
  } finally {
    stream.destroy();
  }
}

/**
 * Rows with at least one value or formula in a sheet's XML, counted up to just past `limit`.
 * A `<row>` with only formatting (no <v>, <is> or <f>) is not counted.
 */
async function countRows(file: Buffer, entry: ZipEntry, limit: number): Promise<number> {
  const counter = new RowCounter();
  await streamEntry(file, entry, (chunk) => counter.feed(chunk.toString('latin1')) > limit);

  return counter.flush();
}

const TOKENS = /<row[\s>]|<\/row>|<v[\s>]|<is>|<f[\s>/]/g;
/** Longer than any token, so one cut by a chunk boundary is read whole with the next chunk. */
const CARRY = 8;

class RowCounter {
  #rows = 0;
  #filled = false;
  #carry = '';

  feed(text: string): number {
    const all = this.#carry + text;
    const cut = Math.max(0, all.length - CARRY);
    this.#scan(all.slice(0, cut), all);
    this.#carry = all.slice(cut);

    return this.#rows;
  }

  flush(): number {
    this.#scan(this.#carry, this.#carry);
    this.#carry = '';

    return this.#rows;
  }

  // Tokens starting before `upto.length` are read from `all`, which holds their whole text.
  #scan(upto: string, all: string) {
    TOKENS.lastIndex = 0;
    for (
      let match = TOKENS.exec(all);
      match && match.index < upto.length;
      match = TOKENS.exec(all)
    ) {
      if (match[0].startsWith('<row')) this.#filled = false;
      else if (match[0] === '</row>') this.#rows += this.#filled ? 1 : 0;
      else this.#filled = true;
    }
  }
}
