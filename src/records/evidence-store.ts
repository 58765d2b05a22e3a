/**
 * Evidence files on disk, each stored once per content and kept for ever.
 *
 * The notice makes evidence part of the ledger, so a stored file must be exactly the bytes that
 * were uploaded, found by its hash and checkable at any time. An upload streams into `tmp/`
 * while its SM3 and SHA-256 are computed; only a complete file of an allowed type is fsynced
 * and renamed into `sm3/<first two hex digits>/<sm3 hex>`. So `sm3/` never holds a partial or
 * refused file, the same bytes are stored once, and a file's name is its integrity check.
 * Evidence is named by SM3 (GM/T 0004, the hash 密评 asks for); SHA-256 is returned for
 * verifiers outside the GM world.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type BodyCheck, bodyCheckFor } from './body-check.js';
import {
  allowedTypesDescription,
  describeMediaType,
  type EvidenceKind,
  extensionMatches,
  extensionOf,
  isZipPackage,
  SNIFF_BYTES,
  type SniffedType,
  sniffMediaType,
} from './media-type.js';
import {
  findZipDirectory,
  officeTypeOfZipDirectory,
  ZIP_END_SEARCH_BYTES,
} from './zip-directory.js';

export interface StoredEvidence {
  /** SM3 of the content, 64 lowercase hex digits: the evidence's name in the store. */
  sm3: string;
  /** SHA-256 of the content, 64 lowercase hex digits. */
  sha256: string;
  size: number;
  mediaType: string;
  kind: EvidenceKind;
  /** Absolute path of the stored file, for diagnostics; persist `sm3`, which names it. */
  path: string;
  /** True when the same bytes were already stored, so this upload was dropped. */
  alreadyStored: boolean;
}

export type RejectionReason =
  | 'empty'
  | 'too-large'
  | 'type-not-allowed'
  | 'extension-mismatch'
  | 'interrupted';

/**
 * An upload the store refused. `reason` is stable, for the caller's error code; `message` is
 * Chinese and tells the user what to fix. Nothing of the upload is left on disk.
 */
export class EvidenceRejected extends Error {
  override readonly name = 'EvidenceRejected';

  constructor(
    readonly reason: RejectionReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface PutOptions {
  /** The largest size accepted, in bytes; a file of exactly this size is accepted. */
  maxBytes: number;
  /** The name the user gave, checked against the content; never used as a path. */
  fileName: string;
}

export type EvidenceSource = AsyncIterable<Buffer> | NodeJS.ReadableStream;

// A crash between creating a temp file and renaming or removing it leaves the file behind; an
// hour is far longer than any upload that is still writing to its temp file.
const STALE_TEMP_MS = 60 * 60 * 1000;
const TEMP_NAME = /^[0-9a-f]{32}\.part$/;
const SM3_HEX = /^[0-9a-f]{64}$/;
// Far above the directory of any real document (a few hundred bytes per part); a larger one is
// refused rather than read into memory.
const MAX_ZIP_DIRECTORY_BYTES = 16 * 1024 * 1024;

/** Whether `value` is a well-formed evidence name: 64 lowercase hex digits. */
export function isSm3Hex(value: unknown): value is string {
  return typeof value === 'string' && SM3_HEX.test(value);
}

/**
 * The content-addressed evidence files under one root directory: `sm3/` holds the stored files
 * (read-only), `tmp/` the uploads in progress, on the same file system so a rename is atomic.
 */
export class EvidenceStore {
  readonly #root: string;
  readonly #tmp: string;
  readonly #stored: string;

  constructor(rootDir: string) {
    this.#root = resolve(rootDir);
    this.#tmp = join(this.#root, 'tmp');
    this.#stored = join(this.#root, 'sm3');
  }

  /**
   * Stores the bytes of `source` and returns their hashes and type.
   *
   * Preconditions: `maxBytes` is a positive safe integer; `source` yields bytes (Buffer or
   * Uint8Array), not strings. Reading stops at the first byte over `maxBytes` or as soon as the
   * head shows a refused type, and the source is then ended (a Node stream is destroyed).
   * Throws EvidenceRejected for an empty, too large, refused or mislabelled file and for a
   * source that fails or ends early (including a multipart stream marked `truncated`, which is
   * reported as too large). Invariant: whatever happens, the upload leaves nothing in `tmp/`,
   * and `sm3/` gains at most the complete file, under the SM3 of its bytes.
   */
  async put(source: EvidenceSource, options: PutOptions): Promise<StoredEvidence> {
    checkPutOptions(options);
    const upload = new Upload(this.#tmp, options);
    try {
      await upload.readAll(source);
      const content = await upload.finish();
      const alreadyStored = await this.#place(upload.tempPath, content.sm3);

      return { ...content, path: this.#pathOf(content.sm3), alreadyStored };
    } finally {
      await upload.discard();
    }
  }

  /**
   * A stream of the stored file named `sm3`. Precondition: isSm3Hex(sm3), else it throws a
   * RangeError, so no input can reach outside the store. A missing file shows as an ENOENT
   * error on the stream; call exists() first to answer 404.
   */
  open(sm3: string): ReadStream {
    return createReadStream(this.#pathOf(sm3));
  }

  /** Whether a file named `sm3` is stored. Precondition: isSm3Hex(sm3). */
  async exists(sm3: string): Promise<boolean> {
    try {
      return (await stat(this.#pathOf(sm3))).isFile();
    } catch (error) {
      return ignoreMissing(error, false);
    }
  }

  /**
   * Whether the stored file named `sm3` still hashes to its name; false when it changed on disk
   * or is missing (exists() tells the two apart). Precondition: isSm3Hex(sm3).
   */
  async verify(sm3: string): Promise<boolean> {
    return (await sm3OfFile(this.#pathOf(sm3))) === sm3;
  }

  /**
   * Removes temp files older than `olderThanMs` (an hour by default) that a crash left in
   * `tmp/`; returns how many. Meant for startup; uploads in progress are younger and kept.
   */
  async sweepTemp(olderThanMs = STALE_TEMP_MS): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.#tmp);
    } catch (error) {
      return ignoreMissing(error, 0);
    }

    const cutoff = Date.now() - olderThanMs;
    let removed = 0;
    for (const name of names.filter((candidate) => TEMP_NAME.test(candidate))) {
      removed += (await removeIfOlder(join(this.#tmp, name), cutoff)) ? 1 : 0;
    }

    return removed;
  }

  #pathOf(sm3: string): string {
    if (!isSm3Hex(sm3)) {
      const given: unknown = sm3;
      const shown = typeof given === 'string' ? JSON.stringify(given.slice(0, 80)) : typeof given;
      throw new RangeError(`evidence name must be 64 lowercase hex digits, got ${shown}`);
    }

    return join(this.#stored, sm3.slice(0, 2), sm3);
  }

  // Moves the fsynced temp file to its content address and makes the rename durable. Returns
  // true when an intact copy was already there (the temp file is then dropped by discard). A
  // copy that no longer hashes to its name is replaced: the new bytes are the right ones.
  async #place(tempPath: string, sm3: string): Promise<boolean> {
    const target = this.#pathOf(sm3);
    const directory = dirname(target);
    const created = await mkdir(directory, { recursive: true });
    if ((await sm3OfFile(target)) === sm3) {
      return true;
    }

    await rename(tempPath, target);
    await syncDirectory(directory);
    if (created !== undefined) {
      await syncDirectory(this.#stored);
      await syncDirectory(this.#root);
    }

    return false;
  }
}

/**
 * One upload on its way into the store: hashes and counts every byte, holds back the first
 * SNIFF_BYTES until the type is decided, then writes to its temp file, which exists only once
 * the type was accepted.
 */
class Upload {
  readonly tempPath: string;
  readonly #sm3 = createHash('sm3');
  readonly #sha256 = createHash('sha256');
  #size = 0;
  #head: Buffer[] = [];
  #headBytes = 0;
  #type: SniffedType | undefined;
  #bodyCheck: BodyCheck | null = null;
  #file: FileHandle | undefined;
  readonly #tmpDir: string;
  readonly #options: PutOptions;

  constructor(tmpDir: string, options: PutOptions) {
    this.#tmpDir = tmpDir;
    this.#options = options;
    this.tempPath = join(tmpDir, `${randomBytes(16).toString('hex')}.part`);
  }

  async readAll(source: EvidenceSource): Promise<void> {
    const chunks = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    try {
      await this.#drain(chunks);
    } catch (error) {
      // Ends the source so a refused upload is read no further (a Node stream is destroyed).
      await chunks.return?.().catch(() => undefined);
      throw error;
    }

    // @fastify/multipart ends a file stream early and sets `truncated` when its own size
    // limit is hit, instead of failing it (throwFileSizeLimit: false).
    if ((source as { truncated?: unknown }).truncated === true) {
      throw tooLarge(this.#options.maxBytes);
    }
  }

  async finish(): Promise<Omit<StoredEvidence, 'path' | 'alreadyStored'>> {
    if (this.#size === 0) {
      throw new EvidenceRejected('empty', '文件是空的（0 字节），请检查后重新选择文件上传');
    }
    if (this.#type === undefined) {
      await this.#decide();
    }

    const type = await this.#confirm(this.#type!);
    const file = this.#file!;
    await file.chmod(0o444);
    await file.sync();
    await file.close();
    this.#file = undefined;

    return {
      sm3: this.#sm3.digest('hex'),
      sha256: this.#sha256.digest('hex'),
      size: this.#size,
      ...type,
    };
  }

  /** Closes and removes the temp file if it is still there; safe to call in any state. */
  async discard(): Promise<void> {
    await this.#file?.close().catch(() => undefined);
    this.#file = undefined;
    await rm(this.tempPath, { force: true });
  }

  async #drain(chunks: AsyncIterator<unknown>): Promise<void> {
    const { maxBytes } = this.#options;
    let next = await pull(chunks, maxBytes);
    while (!next.done) {
      await this.#accept(toBuffer(next.value));
      next = await pull(chunks, maxBytes);
    }
  }

  async #accept(chunk: Buffer): Promise<void> {
    this.#size += chunk.length;
    if (this.#size > this.#options.maxBytes) {
      throw tooLarge(this.#options.maxBytes);
    }
    this.#sm3.update(chunk);
    this.#sha256.update(chunk);
    if (this.#type !== undefined) {
      return this.#write(chunk);
    }

    this.#head.push(chunk);
    this.#headBytes += chunk.length;
    if (this.#headBytes >= SNIFF_BYTES) {
      await this.#decide();
    }
  }

  async #decide(): Promise<void> {
    const head = Buffer.concat(this.#head);
    this.#head = [];
    this.#type = acceptedType(head, this.#options.fileName);
    this.#bodyCheck = bodyCheckFor(this.#type.mediaType);

    await mkdir(this.#tmpDir, { recursive: true });
    this.#file = await open(this.tempPath, 'wx+', 0o600);
    await this.#write(head);
  }

  async #write(chunk: Buffer): Promise<void> {
    this.#bodyCheck?.update(chunk);
    await writeAll(this.#file!, chunk);
  }

  // Types the head cannot settle: text must stay UTF-8 to its end, and a ZIP must be a Word or
  // Excel package by its central directory, whatever its head or name suggested.
  async #confirm(type: SniffedType): Promise<SniffedType> {
    if (this.#bodyCheck !== null && !this.#bodyCheck.passed()) {
      throw typeNotAllowed();
    }
    if (!isZipPackage(type.mediaType)) {
      return type;
    }

    const directory = await readZipDirectory(this.#file!, this.#size);
    const confirmed = directory === null ? null : officeTypeOfZipDirectory(directory);
    if (confirmed === null) {
      throw typeNotAllowed();
    }
    checkExtension(this.#options.fileName, confirmed);

    return confirmed;
  }
}

function checkPutOptions({ maxBytes, fileName }: PutOptions): void {
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
    throw new RangeError(`maxBytes must be a positive safe integer, got ${maxBytes}`);
  }
  if (typeof fileName !== 'string') {
    throw new TypeError(`fileName must be a string, got ${typeof fileName}`);
  }
}

// A failure of the source is the upload's, not the server's: the user is asked to upload again,
// except when @fastify/multipart (throwFileSizeLimit: true) fails it for exceeding its limit.
async function pull(
  chunks: AsyncIterator<unknown>,
  maxBytes: number,
): Promise<IteratorResult<unknown>> {
  try {
    return await chunks.next();
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'FST_REQ_FILE_TOO_LARGE') {
      throw tooLarge(maxBytes, error);
    }

    throw new EvidenceRejected('interrupted', '上传中断，文件没有保存，请重新上传', {
      cause: error,
    });
  }
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) {
    return chunk;
  }
  if (chunk instanceof Uint8Array) {
    return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }

  throw new TypeError(`evidence source must yield bytes, got ${typeof chunk}`);
}

function acceptedType(head: Buffer, fileName: string): SniffedType {
  const type = sniffMediaType(head, fileName);
  if (type === null) {
    throw typeNotAllowed();
  }
  checkExtension(fileName, type);

  return type;
}

function checkExtension(fileName: string, type: SniffedType): void {
  if (extensionMatches(fileName, type.mediaType)) {
    return;
  }

  const { label, extension } = describeMediaType(type.mediaType)!;
  throw new EvidenceRejected(
    'extension-mismatch',
    `文件内容是${label}，与扩展名“.${extensionOf(fileName)}”不符。请确认没有选错文件；` +
      `如文件无误，请把扩展名改为“.${extension}”后再上传`,
  );
}

function typeNotAllowed(): EvidenceRejected {
  return new EvidenceRejected(
    'type-not-allowed',
    `不支持这种文件类型，请转换为允许的格式后上传。${allowedTypesDescription}`,
  );
}

function tooLarge(maxBytes: number, cause?: unknown): EvidenceRejected {
  const message = `文件超过 ${formatSize(maxBytes)} 上限，请压缩或分段后上传`;

  return new EvidenceRejected('too-large', message, cause === undefined ? undefined : { cause });
}

/** A size as people read it: 200 MB, 512 KB, or bytes when neither divides it. */
function formatSize(bytes: number): string {
  const mib = 1024 * 1024;
  if (bytes % mib === 0) {
    return `${bytes / mib} MB`;
  }

  return bytes % 1024 === 0 ? `${bytes / 1024} KB` : `${bytes} 字节`;
}

async function writeAll(file: FileHandle, chunk: Buffer): Promise<void> {
  for (let offset = 0; offset < chunk.length; ) {
    offset += (await file.write(chunk, offset)).bytesWritten;
  }
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await file.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) {
      break;
    }
    filled += bytesRead;
  }

  return buffer.subarray(0, filled);
}

async function readZipDirectory(file: FileHandle, size: number): Promise<Buffer | null> {
  const tailLength = Math.min(size, ZIP_END_SEARCH_BYTES);
  const tail = await readAt(file, size - tailLength, tailLength);
  const where = findZipDirectory(tail, size);
  if (where === null || where.size > MAX_ZIP_DIRECTORY_BYTES) {
    return null;
  }

  return readAt(file, where.offset, where.size);
}

async function sm3OfFile(path: string): Promise<string | null> {
  const hash = createHash('sm3');
  try {
    for await (const chunk of createReadStream(path)) {
      hash.update(chunk as Buffer);
    }
  } catch (error) {
    return ignoreMissing(error, null);
  }

  return hash.digest('hex');
}

// A rename is durable only once its directory is fsynced (POSIX leaves it to the caller).
// Windows cannot open a directory for fsync and makes renames durable itself.
async function syncDirectory(path: string): Promise<void> {
  if (process.platform === 'win32') {
    return;
  }

  const directory = await open(path, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

async function removeIfOlder(path: string, cutoff: number): Promise<boolean> {
  try {
    if ((await stat(path)).mtimeMs >= cutoff) {
      return false;
    }
    await rm(path, { force: true });

    return true;
  } catch (error) {
    return ignoreMissing(error, false);
  }
}

function ignoreMissing<T>(error: unknown, fallback: T): T {
  if ((error as { code?: unknown } | null)?.code === 'ENOENT') {
    return fallback;
  }

  throw error;
}
