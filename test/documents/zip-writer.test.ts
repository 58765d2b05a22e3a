/**
 * The ZIP writer against independent readers: jszip, Info-ZIP's `unzip -t`, and the header
 * fields APPNOTE.TXT prescribes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { DeflatedBytes, zipArchive } from '../../src/documents/zip-writer.js';

const workDir = mkdtempSync(join(tmpdir(), 'liuhen-zip-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// Text that deflates well, several megabytes of it when repeated.
const rows = (count: number) =>
  Array.from({ length: count }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"/></row>`).join('');

function piecewise(text: string, pieceLength: number): DeflatedBytes {
  const deflated = new DeflatedBytes();
  for (let at = 0; at < text.length; at += pieceLength) {
    deflated.write(Buffer.from(text.slice(at, at + pieceLength)));
  }

  return deflated;
}

function sampleArchive(): { bytes: Buffer; contents: Record<string, string> } {
  const big = rows(20_000);
  const contents = {
    '[Content_Types].xml': '<Types/>',
    'stored.txt': 'kept as it is',
    '目录/台账.xml': '记录台账'.repeat(500),
    'xl/worksheets/sheet1.xml': big,
    'empty.txt': '',
  };
  const bytes = zipArchive([
    { name: '[Content_Types].xml', data: contents['[Content_Types].xml'] },
    { name: 'stored.txt', data: Buffer.from(contents['stored.txt']), store: true },
    { name: '目录/台账.xml', data: contents['目录/台账.xml'] },
    { name: 'xl/worksheets/sheet1.xml', data: piecewise(big, 65_536) },
    { name: 'empty.txt', data: '' },
  ]);

  return { bytes, contents };
}

describe('zipArchive', () => {
  it('reads back with jszip, entry by entry, names in UTF-8', async () => {
    const { bytes, contents } = sampleArchive();

    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files)).toEqual(Object.keys(contents));
    for (const [name, text] of Object.entries(contents)) {
      expect(await zip.file(name)!.async('string')).toBe(text);
    }
  });

  it('stores what it is told to and what does not shrink, deflates the rest', () => {
    const { bytes } = sampleArchive();

    // Local headers (APPNOTE.TXT §4.3.7): flags at 6, method at 8, name length at 26.
    const methods: Record<string, number> = {};
    for (let at = 0; bytes.readUInt32LE(at) === 0x04034b50; ) {
      const nameLength = bytes.readUInt16LE(at + 26);
      const name = bytes.toString('utf8', at + 30, at + 30 + nameLength);
      expect(bytes.readUInt16LE(at + 6) & 0x0800).toBe(0x0800);
      methods[name] = bytes.readUInt16LE(at + 8);
      at += 30 + nameLength + bytes.readUInt32LE(at + 18);
    }
    expect(methods).toEqual({
      '[Content_Types].xml': 0,
      'stored.txt': 0,
      '目录/台账.xml': 8,
      'xl/worksheets/sheet1.xml': 8,
      'empty.txt': 0,
    });
  });

  it('passes unzip -t (Info-ZIP, installed by .ci/run)', () => {
    const file = join(workDir, 'unzip.zip');
    writeFileSync(file, sampleArchive().bytes);

    const report = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(report).toContain('No errors detected');
  });

  it('dates the entries in MS-DOS local time', () => {
    const modified = new Date(2024, 2, 15, 13, 45, 31);
    const bytes = zipArchive([{ name: 'a.txt', data: 'a' }], { modified });

    expect(bytes.readUInt16LE(10)).toBe((13 << 11) | (45 << 5) | 15);
    expect(bytes.readUInt16LE(12)).toBe(((2024 - 1980) << 9) | (3 << 5) | 15);
  });
});

describe('DeflatedBytes', () => {
  it('joins pieces deflated one by one into one stream, whatever the piece size', async () => {
    const text = `${rows(3_000)}记录台账`;
    for (const pieceLength of [100, 4_096, text.length]) {
      const bytes = zipArchive([{ name: 'a.xml', data: piecewise(text, pieceLength) }]);

      const zip = await JSZip.loadAsync(bytes);
      expect(await zip.file('a.xml')!.async('string')).toBe(text);
    }
  });

  it('makes an empty entry of no pieces', async () => {
    const bytes = zipArchive([{ name: 'empty.xml', data: new DeflatedBytes() }]);

    const zip = await JSZip.loadAsync(bytes);
    expect(await zip.file('empty.xml')!.async('string')).toBe('');
  });
});
