/**
 * The central directory of a ZIP (APPNOTE.TXT), read to tell a Word or Excel document (Office
 * Open XML, ISO/IEC 29500) from any other archive: only those two are accepted as evidence.
 */
import { DOCX, type SniffedType, typeOf, XLSX } from './media-type.js';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;

/**
 * How many bytes from the end of a ZIP hold its end-of-central-directory record: the record is
 * 22 bytes followed by a comment of at most 65,535 (APPNOTE.TXT §4.3.16).
 */
export const ZIP_END_SEARCH_BYTES = 22 + 0xffff;

/**
 * Where a ZIP's central directory lies, from `tail`, the last bytes of a file of `fileSize`
 * bytes (read ZIP_END_SEARCH_BYTES of them, or the whole file if smaller). Null when there is
 * no end record whose comment reaches exactly the end of the file, or its directory does not
 * lie before it (as in ZIP64, whose 0xFFFFFFFF markers point past it).
 */
export function findZipDirectory(
  tail: Buffer,
  fileSize: number,
): { offset: number; size: number } | null {
  const tailStart = fileSize - tail.length;
  const lowest = Math.max(0, tail.length - ZIP_END_SEARCH_BYTES);
  for (let at = tail.length - 22; at >= lowest; at--) {
    if (
      tail.readUInt32LE(at) !== END_OF_DIRECTORY ||
      at + 22 + tail.readUInt16LE(at + 20) !== tail.length
    ) {
      continue;
    }
    const size = tail.readUInt32LE(at + 12);
    const offset = tail.readUInt32LE(at + 16);

    return offset + size <= tailStart + at ? { offset, size } : null;
  }

  return null;
}

/**
 * The office type a ZIP central directory declares: an Open Packaging file has a
 * `[Content_Types].xml` part (ECMA-376 Part 2 §10.1.2.4); its `word/` parts make it DOCX, its
 * `xl/` parts XLSX. Null for any other ZIP.
 */
export function officeTypeOfZipDirectory(directory: Buffer): SniffedType | null {
  const names = zipEntryNames(directory);
  if (!names.includes('[Content_Types].xml')) {
    return null;
  }
  if (names.some((name) => name.startsWith('word/'))) {
    return typeOf(DOCX);
  }

  return names.some((name) => name.startsWith('xl/')) ? typeOf(XLSX) : null;
}

// Central directory headers (APPNOTE.TXT §4.3.12): 46 fixed bytes, then the name, the extra
// field and the comment, whose lengths are at offsets 28, 30 and 32.
function zipEntryNames(directory: Buffer): string[] {
  const names: string[] = [];
  let at = 0;
  while (at + 46 <= directory.length && directory.readUInt32LE(at) === DIRECTORY_ENTRY) {
    const nameLength = directory.readUInt16LE(at + 28);
    names.push(directory.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
  }

  return names;
}
