/**
 * Which files Liuhen keeps as evidence, told by their bytes and never by their name.
 *
 * Evidence is part of the ledger and kept for ever, and people open it later trusting what it
 * is, so a file is accepted only when its first bytes carry the signature of a format people
 * really keep: scans and screenshots, recordings, videos, office files, e-mails, plain text.
 * The name is consulted for one thing only, to choose between types whose bytes cannot tell
 * them apart (a Word from an Excel compound file, an audio-only from a video MP4); the caller
 * then uses extensionMatches to refuse a file whose extension claims another type than it has.
 */

export type EvidenceKind = 'image' | 'pdf' | 'audio' | 'video' | 'document' | 'text';

export interface SniffedType {
  mediaType: string;
  kind: EvidenceKind;
}

/**
 * How many leading bytes sniffMediaType reads. It ignores the rest, so its answer does not
 * depend on how the bytes were chunked on their way in.
 */
export const SNIFF_BYTES = 4096;

/** For error messages: what may be uploaded, in the words a user knows. */
export const allowedTypesDescription =
  '可上传的证据文件类型：PDF；图片（JPG、PNG、GIF、WebP、HEIC、TIFF、BMP）；' +
  '音频（MP3、M4A、AAC、WAV、AMR、OGG/Opus）；视频（MP4、MOV、3GP、WebM、MKV）；' +
  'Word 和 Excel 文档（DOC、DOCX、XLS、XLSX）；电子邮件（EML）；纯文本（TXT，须为 UTF-8 编码）';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Each allowed type with the extensions it may carry, the first being the usual one. MP4, MOV,
// 3GP and M4A are one container family (ISO/IEC 14496-12) whose brands tools mix freely, so
// each of them also accepts `.mp4`.
const catalog = {
  'application/pdf': { kind: 'pdf', label: 'PDF 文档', extensions: ['pdf'] },
  'image/jpeg': { kind: 'image', label: 'JPEG 图片', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'] },
  'image/png': { kind: 'image', label: 'PNG 图片', extensions: ['png'] },
  'image/gif': { kind: 'image', label: 'GIF 图片', extensions: ['gif'] },
  'image/webp': { kind: 'image', label: 'WebP 图片', extensions: ['webp'] },
  'image/heic': { kind: 'image', label: 'HEIC 图片', extensions: ['heic', 'heif', 'hif'] },
  'image/heif': { kind: 'image', label: 'HEIF 图片', extensions: ['heif', 'heic', 'hif'] },
  'image/tiff': { kind: 'image', label: 'TIFF 图片', extensions: ['tif', 'tiff'] },
  'image/bmp': { kind: 'image', label: 'BMP 图片', extensions: ['bmp', 'dib'] },
  'audio/mpeg': { kind: 'audio', label: 'MP3 音频', extensions: ['mp3'] },
  'audio/aac': { kind: 'audio', label: 'AAC 音频', extensions: ['aac'] },
  'audio/mp4': { kind: 'audio', label: 'M4A 音频', extensions: ['m4a', 'm4b', 'mp4'] },
  'audio/wav': { kind: 'audio', label: 'WAV 音频', extensions: ['wav'] },
  'audio/amr': { kind: 'audio', label: 'AMR 音频', extensions: ['amr'] },
  'audio/amr-wb': { kind: 'audio', label: 'AMR-WB 音频', extensions: ['amr', 'awb'] },
  'audio/ogg': { kind: 'audio', label: 'OGG 音频', extensions: ['ogg', 'oga', 'opus'] },
  'video/mp4': { kind: 'video', label: 'MP4 视频', extensions: ['mp4', 'm4v'] },
  'video/quicktime': { kind: 'video', label: 'MOV 视频', extensions: ['mov', 'qt', 'mp4'] },
  'video/3gpp': { kind: 'video', label: '3GP 视频', extensions: ['3gp', '3gpp', 'mp4'] },
  'video/3gpp2': { kind: 'video', label: '3G2 视频', extensions: ['3g2', '3gpp2', 'mp4'] },
  'video/webm': { kind: 'video', label: 'WebM 视频', extensions: ['webm', 'weba'] },
  'video/x-matroska': { kind: 'video', label: 'MKV 视频', extensions: ['mkv', 'mka', 'mk3d'] },
  [DOCX]: { kind: 'document', label: 'Word 文档', extensions: ['docx'] },
  [XLSX]: { kind: 'document', label: 'Excel 表格', extensions: ['xlsx'] },
  'application/msword': { kind: 'document', label: 'Word 文档', extensions: ['doc'] },
  'application/vnd.ms-excel': { kind: 'document', label: 'Excel 表格', extensions: ['xls'] },
  'message/rfc822': { kind: 'document', label: '电子邮件', extensions: ['eml'] },
  'text/plain': { kind: 'text', label: '纯文本', extensions: ['txt', 'text', 'log', 'csv'] },
} as const satisfies Record<
  string,
  { kind: EvidenceKind; label: string; extensions: readonly string[] }
>;

export type KnownMediaType = keyof typeof catalog;

/** A format recognised by its signature; once `matches` holds, `type` has the final word. */
interface Family {
  matches(head: Buffer): boolean;
  type(head: Buffer, extension: string): KnownMediaType | null;
}

/**
 * The evidence type of a file, judged from its first bytes, or null when it is not allowed.
 *
 * `head` is the start of the file (only the first SNIFF_BYTES count); `fileName` only chooses
 * between types the bytes cannot tell apart. Text and e-mail are judged on the head alone: a
 * caller holding the whole file confirms them with bodyCheckFor, and a ZIP-based office file
 * with officeTypeOfZipDirectory. Executables are refused even when they would pass as text,
 * and so is text starting with `#!` (a script).
 *
 * @example sniffMediaType(Buffer.from('%PDF-1.7\n')) // { mediaType: 'application/pdf', kind: 'pdf' }
 */
export function sniffMediaType(head: Buffer, fileName?: string): SniffedType | null {
  const bytes = head.subarray(0, SNIFF_BYTES);
  if (bytes.length === 0) {
    return null;
  }

  const extension = extensionOf(fileName ?? '');
  const family = families.find((candidate) => candidate.matches(bytes));
  const mediaType = family ? family.type(bytes, extension) : textType(bytes);

  return mediaType === null ? null : typeOf(mediaType);
}

/**
 * Whether the extension of `fileName` fits `mediaType`. A name without an extension claims
 * nothing and fits; an unknown media type fits nothing.
 *
 * @example extensionMatches('扫描件.PDF', 'application/pdf') // true
 * @example extensionMatches('截图.pdf', 'image/png') // false
 */
export function extensionMatches(fileName: string, mediaType: string): boolean {
  const extension = extensionOf(fileName);
  if (extension === '') {
    return true;
  }

  return (
    isKnown(mediaType) && (catalog[mediaType].extensions as readonly string[]).includes(extension)
  );
}

/** The Chinese name of an allowed type and its usual extension, for messages to the user. */
export function describeMediaType(mediaType: string): { label: string; extension: string } | null {
  if (!isKnown(mediaType)) {
    return null;
  }

  const { label, extensions } = catalog[mediaType];

  return { label, extension: extensions[0] };
}

/**
 * The lowercase extension of a file name as a browser sends it (a Windows path is cut at its
 * last `\`), without the dot; '' when there is none, as for `.bashrc` or `README`.
 */
export function extensionOf(fileName: string): string {
  const base = fileName.trim().split(/[/\\]/).pop() ?? '';
  const dot = base.lastIndexOf('.');

  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function isKnown(mediaType: string): mediaType is KnownMediaType {
  return Object.hasOwn(catalog, mediaType);
}

export function typeOf(mediaType: KnownMediaType): SniffedType {
  return { mediaType, kind: catalog[mediaType].kind };
}

// ---- Signatures --------------------------------------------------------------------------

function hasAt(head: Buffer, offset: number, signature: string | readonly number[]): boolean {
  const expected =
    typeof signature === 'string' ? Buffer.from(signature, 'latin1') : Buffer.from(signature);
  const actual = head.subarray(offset, offset + expected.length);

  return actual.equals(expected);
}

function fixed(mediaType: KnownMediaType, matches: (head: Buffer) => boolean): Family {
  return { matches, type: () => mediaType };
}

// RIFF containers name their form at byte 8, after the chunk size.
const isRiff = (head: Buffer, form: string) => hasAt(head, 0, 'RIFF') && hasAt(head, 8, form);

// "BM" alone is too weak (a text may start with it): the reserved bytes are zero and the DIB
// header has one of the sizes Windows and OS/2 define.
const DIB_HEADER_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);
function isBmp(head: Buffer): boolean {
  return (
    head.length >= 18 &&
    hasAt(head, 0, 'BM') &&
    head.readUInt32LE(6) === 0 &&
    DIB_HEADER_SIZES.has(head.readUInt32LE(14))
  );
}

// An MPEG audio frame header (ISO/IEC 11172-3 §2.4.1.3): 11 sync bits, a version other than
// the reserved 01, layer II or III (layer I is long obsolete, and its `FF FE` is also the byte
// order mark of UTF-16 text), a bitrate index other than 1111, a sampling rate other than 11.
function isMpegAudioFrame(head: Buffer): boolean {
  const [sync = 0, flags = 0, rates = 0] = head;
  const version = (flags >> 3) & 0b11;
  const layer = (flags >> 1) & 0b11;

  return (
    sync === 0xff &&
    (flags & 0xe0) === 0xe0 &&
    version !== 0b01 &&
    (layer === 0b01 || layer === 0b10) &&
    rates >> 4 !== 0b1111 &&
    ((rates >> 2) & 0b11) !== 0b11
  );
}

// An ADTS frame header (ISO/IEC 13818-7 §6.2): 12 sync bits, layer 00, a sampling frequency
// index below 13 (13–15 are reserved).
function isAdtsFrame(head: Buffer): boolean {
  const [sync = 0, flags = 0, profile = 0] = head;

  return sync === 0xff && (flags & 0xf6) === 0xf0 && ((profile >> 2) & 0b1111) < 13;
}

// An ID3v2 tag (id3v2.4.0-structure §3.1): "ID3", a major version 2–4, and a size of four
// bytes with their high bit clear.
function isId3Tag(head: Buffer): boolean {
  const version = head[3] ?? 0;
  const size = head.subarray(6, 10);

  return (
    hasAt(head, 0, 'ID3') &&
    version >= 2 &&
    version <= 4 &&
    size.length === 4 &&
    size.every((b) => b < 0x80)
  );
}

// A raw ADTS file may carry an ID3 tag in front, like an MP3; only the name tells them apart
// without reading past the tag, which can be larger than the head (cover art).
function mpegAudioType(_head: Buffer, extension: string): KnownMediaType {
  return extension === 'aac' ? 'audio/aac' : 'audio/mpeg';
}

// ISO base media files (MP4, MOV, 3GP, M4A, HEIF) start with an `ftyp` box naming the major
// brand (ISO/IEC 14496-12 §4.3). Brands registered for one type decide it outright.
const brands: Record<string, KnownMediaType> = {
  heic: 'image/heic',
  heix: 'image/heic',
  heim: 'image/heic',
  heis: 'image/heic',
  mif1: 'image/heif',
  'M4A ': 'audio/mp4',
  'M4B ': 'audio/mp4',
  'M4V ': 'video/mp4',
  M4VH: 'video/mp4',
  M4VP: 'video/mp4',
  'qt  ': 'video/quicktime',
};

// Generic brands say only "an MP4 file": phone recorders write audio-only files with them, so
// the name decides between audio and the video types of the family.
const GENERIC_BRANDS = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'avc1',
  'mmp4',
  'MSNV',
  'dash',
  'f4v ',
]);
const byExtension: Record<string, KnownMediaType> = {
  m4a: 'audio/mp4',
  m4b: 'audio/mp4',
  mov: 'video/quicktime',
  qt: 'video/quicktime',
  '3gp': 'video/3gpp',
  '3gpp': 'video/3gpp',
  '3g2': 'video/3gpp2',
};

function isoMediaType(head: Buffer, extension: string): KnownMediaType | null {
  const brand = head.toString('latin1', 8, 12);
  if (brand.startsWith('3g2')) {
    return 'video/3gpp2';
  }
  if (brand.startsWith('3g')) {
    return 'video/3gpp';
  }
  if (GENERIC_BRANDS.has(brand)) {
    return byExtension[extension] ?? 'video/mp4';
  }

  return brands[brand] ?? null;
}

// The EBML header of Matroska names its DocType near the start; WebM is a Matroska profile.
function matroskaType(head: Buffer): KnownMediaType | null {
  const start = head.toString('latin1', 0, 64);
  if (start.includes('webm')) {
    return 'video/webm';
  }

  return start.includes('matroska') ? 'video/x-matroska' : null;
}

// Local file header, empty archive, or a split archive's marker (APPNOTE.TXT §4.3.7, §4.3.16,
// §8.5.3): every ZIP starts with one of them.
const isZip = (head: Buffer) =>
  ['PK\x03\x04', 'PK\x05\x06', 'PK\x07\x08'].some((s) => hasAt(head, 0, s));

// A ZIP is accepted only as DOCX or XLSX. The head usually shows the first part names; when it
// does not, the name decides, and a caller with the whole file confirms the choice from the
// central directory (officeTypeOfZipDirectory). Anything else in a ZIP is refused.
function zipType(head: Buffer, extension: string): KnownMediaType | null {
  if (!hasAt(head, 0, 'PK\x03\x04')) {
    return null;
  }

  const names = head.toString('latin1');
  if (names.includes('word/')) {
    return DOCX;
  }
  if (names.includes('xl/')) {
    return XLSX;
  }

  return ({ docx: DOCX, xlsx: XLSX } as Record<string, KnownMediaType>)[extension] ?? null;
}

// Limitation: an OLE2 compound file is taken for DOC or XLS by its name alone, so another
// compound file (.msi, .ppt, .msg) renamed .doc passes (matters if someone disguises one on
// purpose; it would still be served as a Word file, never run).
function compoundType(_head: Buffer, extension: string): KnownMediaType | null {
  return (
    (
      { doc: 'application/msword', xls: 'application/vnd.ms-excel' } as Record<
        string,
        KnownMediaType
      >
    )[extension] ?? null
  );
}

// Executables and scripts, refused before the text test could let them through: "MZ" (DOS and
// Windows PE), ELF, and `#!` (a script is text, but not evidence; AMR's `#!AMR` is matched
// earlier). A UTF-8 byte order mark in front does not change what the file is.
function isExecutable(head: Buffer): boolean {
  const start = hasAt(head, 0, [0xef, 0xbb, 0xbf]) ? head.subarray(3) : head;

  return hasAt(start, 0, 'MZ') || hasAt(start, 0, '\x7fELF') || hasAt(start, 0, '#!');
}

// Order matters where signatures overlap: AMR before the `#!` of scripts, JPEG before the
// frame sync of MPEG audio.
const families: readonly Family[] = [
  fixed('application/pdf', (h) => hasAt(h, 0, '%PDF-')),
  fixed('image/jpeg', (h) => hasAt(h, 0, [0xff, 0xd8, 0xff])),
  fixed('image/png', (h) => hasAt(h, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  fixed('image/gif', (h) => hasAt(h, 0, 'GIF87a') || hasAt(h, 0, 'GIF89a')),
  fixed('image/webp', (h) => isRiff(h, 'WEBP')),
  fixed('image/tiff', (h) => hasAt(h, 0, 'II*\0') || hasAt(h, 0, 'MM\0*')),
  fixed('image/bmp', isBmp),
  fixed('audio/wav', (h) => isRiff(h, 'WAVE')),
  fixed('audio/amr-wb', (h) => hasAt(h, 0, '#!AMR-WB\n')),
  fixed('audio/amr', (h) => hasAt(h, 0, '#!AMR\n')),
  fixed('audio/ogg', (h) => hasAt(h, 0, 'OggS\0')),
  { matches: (h) => isId3Tag(h) || isMpegAudioFrame(h), type: mpegAudioType },
  fixed('audio/aac', isAdtsFrame),
  { matches: (h) => hasAt(h, 4, 'ftyp'), type: isoMediaType },
  { matches: (h) => hasAt(h, 0, [0x1a, 0x45, 0xdf, 0xa3]), type: matroskaType },
  { matches: isZip, type: zipType },
  {
    matches: (h) => hasAt(h, 0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    type: compoundType,
  },
  { matches: isExecutable, type: () => null },
  { matches: looksLikeEmail, type: emailType },
];

// ---- E-mail and text ---------------------------------------------------------------------

// Fields that only a message header has; one of them must appear for a header-shaped text to
// count as an e-mail (RFC 5322 §3.6).
const MAIL_FIELDS = new Set([
  'from',
  'date',
  'received',
  'return-path',
  'mime-version',
  'message-id',
  'delivered-to',
]);
const FIELD_LINE = /^([!-9;-~]+):/;

/**
 * Whether the head reads as an RFC 5322 message: no NUL, every complete line up to the blank
 * line that ends the header is a field or its folded continuation, the first is a field, and a
 * field only mail carries is among them. An mbox `From ` line in front is allowed. The bytes
 * need not be UTF-8: Chinese mailers still send 8-bit GBK bodies.
 */
function looksLikeEmail(head: Buffer): boolean {
  if (head.includes(0)) {
    return false;
  }

  const lines = head.toString('latin1').split('\n').slice(0, -1);
  const header = lines.map((line) => line.replace(/\r$/, ''));
  if (header[0]?.startsWith('From ')) {
    header.shift();
  }
  const end = header.indexOf('');
  const fields = end === -1 ? header : header.slice(0, end);

  return (
    FIELD_LINE.test(fields[0] ?? '') &&
    fields.every((line) => FIELD_LINE.test(line) || /^[ \t]/.test(line)) &&
    fields.some((line) => MAIL_FIELDS.has(FIELD_LINE.exec(line)?.[1]?.toLowerCase() ?? ''))
  );
}

// A header-shaped text saved as .txt (notes that open with "Date: …") is text, not an e-mail,
// if it is UTF-8; every other name keeps the e-mail type, and extensionMatches judges the name.
function emailType(head: Buffer, extension: string): KnownMediaType | null {
  if (!(catalog['text/plain'].extensions as readonly string[]).includes(extension)) {
    return 'message/rfc822';
  }

  return textType(head);
}

// Plain text is valid UTF-8 without NUL. The head may end inside a multi-byte character, so an
// incomplete last sequence passes here; bodyCheckFor rejects it at the true end of the file.
// Limitation: GBK text (old Notepad's "ANSI") is refused; the message asks for UTF-8.
function textType(head: Buffer): KnownMediaType | null {
  if (head.includes(0)) {
    return null;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return null;
  }

  return 'text/plain';
}

/** Whether `mediaType` is a ZIP package whose type officeTypeOfZipDirectory must confirm. */
export function isZipPackage(mediaType: string): boolean {
  return mediaType === DOCX || mediaType === XLSX;
}
