/**
 * The evidence store on a real file system: what is stored and under which name, what is
 * refused and that a refused or broken upload leaves nothing behind, and that a stored file
 * is read back, checked and never held whole in memory.
 */
import { createHash } from 'node:crypto';
import {
  chmod,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { text as readText } from 'node:stream/consumers';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EvidenceRejected,
  type EvidenceSource,
  EvidenceStore,
  type PutOptions,
} from '../../src/records/evidence-store.js';
import { allowedTypesDescription } from '../../src/records/media-type.js';

const KiB = 1024;
const MiB = 1024 * KiB;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let root: string;
let store: EvidenceStore;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'liuhen-evidence-'));
  store = new EvidenceStore(root);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Every file under the root, as paths relative to it. */
async function filesUnder(dir = root): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });

  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

async function* chunksOf(...chunks: Buffer[]): AsyncGenerator<Buffer> {
  yield* chunks;
}

/** A PNG of `size` bytes: the signature, then bytes derived from `seed`. */
function png(size: number, seed = 1): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) {
    bytes[i] = (i * 31 + seed * 7) & 0xff;
  }
  PNG_SIGNATURE.copy(bytes, 0, 0, Math.min(size, PNG_SIGNATURE.length));

  return bytes;
}

function put(source: EvidenceSource, options: Partial<PutOptions> = {}) {
  return store.put(source, { maxBytes: MiB, fileName: 'evidence.png', ...options });
}

async function rejection(promise: Promise<unknown>): Promise<EvidenceRejected> {
  const error = await promise.then(
    () => expect.fail('expected the upload to be rejected'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EvidenceRejected);

  return error as EvidenceRejected;
}

const digest = (algorithm: string, bytes: Buffer) =>
  createHash(algorithm).update(bytes).digest('hex');

describe('put stores the bytes under their SM3', () => {
  it('hashes as GB/T 32905 says: the example "abc"', async () => {
    const stored = await put(chunksOf(Buffer.from('abc')), { fileName: 'abc.txt' });

    expect(stored).toMatchObject({
      sm3: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      size: 3,
      mediaType: 'text/plain',
      kind: 'text',
      alreadyStored: false,
    });
  });

  it('returns the SM3 and SHA-256 of the bytes and stores exactly them, read-only', async () => {
    const bytes = png(100 * KiB);
    const stored = await put(chunksOf(bytes.subarray(0, 5), bytes.subarray(5)));

    expect(stored.sm3).toBe(digest('sm3', bytes));
    expect(stored.sha256).toBe(digest('sha256', bytes));
    expect(stored).toMatchObject({ size: bytes.length, mediaType: 'image/png', kind: 'image' });
    expect(stored.path).toBe(join(root, 'sm3', stored.sm3.slice(0, 2), stored.sm3));
    expect(await readFile(stored.path)).toEqual(bytes);
    expect((await stat(stored.path)).mode & 0o777).toBe(0o444);
    expect(await filesUnder()).toEqual([relative(root, stored.path)]);
  });

  it('gives the same answer however the bytes are chunked', async () => {
    const text = Buffer.from(`${'证据材料，'.repeat(1000)}\n`);
    const whole = await put(chunksOf(text), { fileName: 'a.txt' });
    const split = Array.from({ length: text.length }, (_, i) => text.subarray(i, i + 1));
    const byteByByte = await put(chunksOf(...split), { fileName: 'a.txt' });

    expect(byteByByte).toEqual({ ...whole, alreadyStored: true });
  });

  it('accepts a file of exactly maxBytes', async () => {
    const stored = await put(chunksOf(png(1000), png(24, 2)), { maxBytes: 1024 });

    expect(stored.size).toBe(1024);
  });

  it('takes a Node stream and Uint8Array chunks', async () => {
    const bytes = png(10 * KiB);
    const fromStream = await put(Readable.from([bytes.subarray(0, 100), bytes.subarray(100)]));
    const fromArrays = await put(chunksOf(new Uint8Array(bytes) as Buffer));

    expect(fromArrays.sm3).toBe(fromStream.sm3);
  });

  it('stores the same bytes once', async () => {
    const bytes = png(20 * KiB);
    const first = await put(chunksOf(bytes), { fileName: '截图.png' });
    const second = await put(chunksOf(bytes), { fileName: '截图-副本.PNG' });

    expect(second).toEqual({ ...first, alreadyStored: true });
    expect(await filesUnder()).toEqual([relative(root, first.path)]);
  });

  it('stores the same bytes once when two uploads race', async () => {
    const bytes = png(200 * KiB);
    const results = await Promise.all([put(chunksOf(bytes)), put(chunksOf(bytes))]);

    expect(new Set(results.map((r) => r.sm3)).size).toBe(1);
    expect(await filesUnder()).toEqual([relative(root, results[0].path)]);
    expect(await store.verify(results[0].sm3)).toBe(true);
  });

  it('replaces a stored copy that no longer matches its name', async () => {
    const bytes = png(10 * KiB);
    const { sm3, path } = await put(chunksOf(bytes));
    await flipByte(path, 5000);

    const again = await put(chunksOf(bytes));

    expect(again.alreadyStored).toBe(false);
    expect(await store.verify(sm3)).toBe(true);
    expect(await filesUnder()).toEqual([relative(root, path)]);
  });
});

describe('put refuses, and leaves nothing behind', () => {
  it('refuses an empty file', async () => {
    const error = await rejection(put(chunksOf()));

    expect(error.reason).toBe('empty');
    expect(error.message).toContain('空');
    expect(await filesUnder()).toEqual([]);
  });

  it('refuses one byte over maxBytes and stops reading there', async () => {
    let pulled = 0;
    let stopped = false;
    async function* source() {
      try {
        for (let i = 0; i < 100; i++) {
          pulled++;
          yield png(1000, i);
        }
      } finally {
        stopped = true;
      }
    }

    const error = await rejection(put(source(), { maxBytes: 5999 }));

    expect(error.reason).toBe('too-large');
    expect([pulled, stopped]).toEqual([6, true]);
    expect(await filesUnder()).toEqual([]);
  });

  it('says which limit was crossed and what to do', async () => {
    const error = await rejection(put(chunksOf(png(MiB + 1)), { maxBytes: MiB }));

    expect(error.message).toBe('文件超过 1 MB 上限，请压缩或分段后上传');
  });

  it('refuses a Windows executable renamed .jpg before writing anything', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(10 * KiB, 0x90)]);
    const error = await rejection(put(chunksOf(exe), { fileName: 'photo.jpg' }));

    expect(error.reason).toBe('type-not-allowed');
    expect(error.message).toContain(allowedTypesDescription);
    expect(await filesUnder()).toEqual([]);
  });

  it('refuses a PNG named .pdf, naming the real type', async () => {
    const error = await rejection(put(chunksOf(png(KiB)), { fileName: '扫描件.pdf' }));

    expect(error.reason).toBe('extension-mismatch');
    expect(error.message).toContain('PNG 图片');
    expect(error.message).toContain('“.pdf”');
    expect(error.message).toContain('“.png”');
    expect(await filesUnder()).toEqual([]);
  });

  it('refuses text that stops being UTF-8 after the head', async () => {
    const text = Buffer.from('a'.repeat(10 * KiB));
    const gbk = Buffer.from([0xd6, 0xd0, 0xce, 0xc4]);
    const error = await rejection(put(chunksOf(text, gbk), { fileName: 'a.txt' }));

    expect(error.reason).toBe('type-not-allowed');
    expect(error.message).toContain('UTF-8');
    expect(await filesUnder()).toEqual([]);
  });

  it('refuses text cut off inside its last character', async () => {
    const cut = Buffer.from('记录').subarray(0, 5);
    const error = await rejection(put(chunksOf(cut), { fileName: 'a.txt' }));

    expect(error.reason).toBe('type-not-allowed');
  });

  it('refuses a source that yields strings, as a programming error', async () => {
    const strings = Readable.from(['%PDF-1.7'], { objectMode: true });

    await expect(put(strings as EvidenceSource)).rejects.toThrow(TypeError);
    expect(await filesUnder()).toEqual([]);
  });

  it('refuses a maxBytes that is not a positive integer', async () => {
    await expect(put(chunksOf(png(10)), { maxBytes: 0 })).rejects.toThrow(RangeError);
    await expect(put(chunksOf(png(10)), { maxBytes: 1.5 })).rejects.toThrow(RangeError);
  });
});

describe('interrupted uploads leave nothing in tmp or sm3', () => {
  it('when the source throws midway, after the temp file was written', async () => {
    const failure = new Error('socket hang up');
    async function* source() {
      yield png(64 * KiB);
      yield png(64 * KiB, 2);
      throw failure;
    }

    const error = await rejection(put(source()));

    expect(error.reason).toBe('interrupted');
    expect(error.message).toBe('上传中断，文件没有保存，请重新上传');
    expect(error.cause).toBe(failure);
    expect(await filesUnder()).toEqual([]);
  });

  it('when a stream is destroyed before its end', async () => {
    const stream = new Readable({ read() {} });
    stream.push(png(64 * KiB));
    setTimeout(() => stream.destroy(), 10);

    const error = await rejection(put(stream));

    expect(error.reason).toBe('interrupted');
    expect(await filesUnder()).toEqual([]);
  });

  it('when @fastify/multipart ends a file early and marks it truncated', async () => {
    const stream = Object.assign(Readable.from([png(10 * KiB)]), { truncated: true });

    const error = await rejection(put(stream));

    expect(error.reason).toBe('too-large');
    expect(await filesUnder()).toEqual([]);
  });

  it('when @fastify/multipart fails a file for its size', async () => {
    async function* source() {
      yield png(10 * KiB);
      throw Object.assign(new Error('request file too large'), { code: 'FST_REQ_FILE_TOO_LARGE' });
    }

    const error = await rejection(put(source()));

    expect(error.reason).toBe('too-large');
    expect(await filesUnder()).toEqual([]);
  });
});

describe('office packages are confirmed from the ZIP central directory', () => {
  const contentTypes = { '[Content_Types].xml': '<Types/>', '_rels/.rels': '<Relationships/>' };
  const docx = zipOf({ ...contentTypes, 'word/document.xml': '<w:document/>' });
  const xlsx = zipOf({ ...contentTypes, 'xl/workbook.xml': '<workbook/>' }, '由 WPS 生成');

  it.each([
    ['a Word package', docx, '通知.docx', DOCX],
    ['an Excel package with an archive comment', xlsx, '台账.xlsx', XLSX],
  ])('stores %s', async (_name, bytes, fileName, mediaType) => {
    const stored = await put(chunksOf(bytes), { fileName });

    expect(stored).toMatchObject({ mediaType, kind: 'document', size: bytes.length });
  });

  it('finds the directory of a package larger than the head', async () => {
    const big = zipOf({
      'media/scan.bin': 'x'.repeat(100 * KiB),
      ...contentTypes,
      'word/a.xml': '',
    });
    const stored = await put(chunksOf(big), { fileName: 'a.docx' });

    expect(stored.mediaType).toBe(DOCX);
  });

  it.each([
    ['a plain ZIP named .docx', zipOf({ 'payload.exe': 'MZ' }), 'a.docx', 'type-not-allowed'],
    [
      'a package without its content types',
      zipOf({ 'word/document.xml': '' }),
      'a.docx',
      'type-not-allowed',
    ],
    [
      'a ZIP cut short (no central directory)',
      docx.subarray(0, docx.length - 30),
      'a.docx',
      'type-not-allowed',
    ],
    ['a plain ZIP', zipOf({ 'a.txt': 'a' }), 'a.zip', 'type-not-allowed'],
    ['a Word package named .xlsx', docx, 'a.xlsx', 'extension-mismatch'],
  ])('refuses %s', async (_name, bytes, fileName, reason) => {
    const error = await rejection(put(chunksOf(bytes), { fileName }));

    expect(error.reason).toBe(reason);
    expect(await filesUnder()).toEqual([]);
  });
});

describe('large files stream through', () => {
  it('stores 50 MB while memory grows by a small fraction of it', async () => {
    const gc = exposedGc();
    const size = 50 * MiB;
    const chunkSize = 64 * KiB;
    const used = () => {
      const { heapUsed, arrayBuffers } = process.memoryUsage();

      return heapUsed + arrayBuffers;
    };
    gc();
    const baseline = used();
    let peak = 0;
    const expected = { sm3: createHash('sm3'), sha256: createHash('sha256') };

    async function* source() {
      for (let i = 0; i < size / chunkSize; i++) {
        // A fresh buffer each time: were the store to keep chunks, memory would show it.
        const chunk = i === 0 ? png(chunkSize) : Buffer.alloc(chunkSize, i & 0xff);
        expected.sm3.update(chunk);
        expected.sha256.update(chunk);
        if (i % 32 === 0) {
          gc();
          peak = Math.max(peak, used() - baseline);
        }
        yield chunk;
      }
    }

    const stored = await put(source(), { maxBytes: 200 * MiB, fileName: 'big.png' });

    expect(stored.size).toBe(size);
    expect(stored.sm3).toBe(expected.sm3.digest('hex'));
    expect(stored.sha256).toBe(expected.sha256.digest('hex'));
    // Garbage of up to one sampling interval (2 MB) may not be swept yet when sampled.
    expect(peak).toBeLessThan(size / 5);
    expect(await store.verify(stored.sm3)).toBe(true);
  });
});

describe('reading back', () => {
  it('opens a stored file', async () => {
    const { sm3 } = await put(chunksOf(Buffer.from('来电记录\n')), { fileName: 'a.txt' });

    expect(await readText(store.open(sm3))).toBe('来电记录\n');
    expect(await store.exists(sm3)).toBe(true);
    expect(await store.exists('0'.repeat(64))).toBe(false);
  });

  it('verify() detects one flipped byte on disk', async () => {
    const { sm3, path } = await put(chunksOf(png(300 * KiB)));
    expect(await store.verify(sm3)).toBe(true);

    await flipByte(path, 123_456);

    expect(await store.verify(sm3)).toBe(false);
  });

  it('verify() is false for a missing file', async () => {
    expect(await store.verify('a'.repeat(64))).toBe(false);
  });

  it.each([
    '../../etc/passwd',
    `../../../etc/${'a'.repeat(55)}`,
    'A'.repeat(64),
    'a'.repeat(63),
    `${'a'.repeat(64)}/`,
    '',
  ])('refuses the name %j, so nothing outside the store is reached', async (name) => {
    expect(() => store.open(name)).toThrow(RangeError);
    await expect(store.exists(name)).rejects.toThrow(RangeError);
    await expect(store.verify(name)).rejects.toThrow(RangeError);
  });
});

describe('sweepTemp', () => {
  it('removes temp files older than an hour and keeps the rest', async () => {
    const tmp = join(root, 'tmp');
    await mkdir(tmp, { recursive: true });
    const stale = join(tmp, `${'1'.repeat(32)}.part`);
    const fresh = join(tmp, `${'2'.repeat(32)}.part`);
    const foreign = join(tmp, 'README');
    for (const path of [stale, fresh, foreign]) {
      await writeFile(path, 'x');
    }
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(stale, twoHoursAgo, twoHoursAgo);
    await utimes(foreign, twoHoursAgo, twoHoursAgo);

    expect(await store.sweepTemp()).toBe(1);
    expect(await filesUnder()).toEqual([fresh, foreign].map((path) => relative(root, path)).sort());
  });

  it('is a no-op before the first upload', async () => {
    expect(await store.sweepTemp()).toBe(0);
  });
});

async function flipByte(path: string, offset: number): Promise<void> {
  await chmod(path, 0o644);
  const bytes = await readFile(path);
  bytes[offset] = (bytes[offset] ?? 0) ^ 0x01;
  await writeFile(path, bytes);
}

// The memory test needs a collection on demand; vitest's workers do not start with --expose-gc.
function exposedGc(): () => void {
  setFlagsFromString('--expose-gc');

  return runInNewContext('gc') as () => void;
}

/** A ZIP of stored (uncompressed) entries, as APPNOTE.TXT lays it out. */
function zipOf(entries: Record<string, string>, comment = ''): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(text);
    const fields = { crc: crc32(data), size: data.length, nameLength: nameBytes.length };
    const local = Buffer.concat([localHeader(fields), nameBytes, data]);
    directory.push(Buffer.concat([directoryHeader(fields, offset), nameBytes]));
    locals.push(local);
    offset += local.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const commentBytes = Buffer.from(comment);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(directory.length, 8);
  end.writeUInt16LE(directory.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(commentBytes.length, 20);

  return Buffer.concat([...locals, directoryBytes, end, commentBytes]);
}

interface EntryFields {
  crc: number;
  size: number;
  nameLength: number;
}

function localHeader({ crc, size, nameLength }: EntryFields): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(crc, 14);
  header.writeUInt32LE(size, 18);
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(nameLength, 26);

  return header;
}

function directoryHeader({ crc, size, nameLength }: EntryFields, offset: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(20, 6);
  header.writeUInt32LE(crc, 16);
  header.writeUInt32LE(size, 20);
  header.writeUInt32LE(size, 24);
  header.writeUInt16LE(nameLength, 28);
  header.writeUInt32LE(offset, 42);

  return header;
}
