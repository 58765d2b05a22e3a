/**
 * Evidence types are told by content: each allowed format from a small synthetic header, the
 * executables and look-alikes that must be refused, and the extension check the caller uses.
 */
import { describe, expect, it } from 'vitest';
import { bodyCheckFor } from '../../src/records/body-check.js';
import {
  describeMediaType,
  extensionMatches,
  extensionOf,
  SNIFF_BYTES,
  sniffMediaType,
} from '../../src/records/media-type.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Bytes from a mix of latin1 strings and byte values. */
function bytes(...parts: Array<string | number[]>): Buffer {
  return Buffer.concat(
    parts.map((part) =>
      typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part),
    ),
  );
}

/** An ISO base media file's first box: `ftyp` with a major brand and compatible brands. */
function ftyp(major: string, ...compatible: string[]): Buffer {
  const body = bytes('ftyp', major, [0, 0, 0, 0], compatible.join(''));
  const size = Buffer.alloc(4);
  size.writeUInt32BE(body.length + 4);

  return Buffer.concat([size, body]);
}

function riff(form: string, rest: string): Buffer {
  return bytes('RIFF', [0x24, 0, 0, 0], form, rest);
}

// 'BM', file size, two reserved zero words, pixel offset, then a 40-byte BITMAPINFOHEADER.
const bmp = bytes('BM', [0x46, 0, 0, 0], [0, 0, 0, 0], [0x36, 0, 0, 0], [40, 0, 0, 0]);
const ole2 = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], [0, 0, 0, 0]);
const zipEntry = (name: string) => bytes('PK\x03\x04', [20, 0, 0, 0, 0, 0], name);
const email = [
  'Received: from mail.example.cn (unknown [10.0.0.1])',
  '\tby mx.example.cn; Tue, 12 May 2020 09:30:00 +0800',
  'From: =?UTF-8?B?5byg5LiJ?= <zhang@example.cn>',
  'Date: Tue, 12 May 2020 09:30:00 +0800',
  'MIME-Version: 1.0',
  '',
  'body',
].join('\r\n');

const allowed: Array<[string, Buffer, string | undefined, string, string]> = [
  ['PDF', bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), 'scan.pdf', 'application/pdf', 'pdf'],
  ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF\0'), 'a.jpg', 'image/jpeg', 'image'],
  ['PNG', bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR'), 'a.png', 'image/png', 'image'],
  ['GIF87a', bytes('GIF87a', [1, 0, 1, 0]), 'a.gif', 'image/gif', 'image'],
  ['GIF89a', bytes('GIF89a', [1, 0, 1, 0]), 'a.gif', 'image/gif', 'image'],
  ['WebP', riff('WEBP', 'VP8 '), 'a.webp', 'image/webp', 'image'],
  ['HEIC', ftyp('heic', 'mif1', 'heic'), 'IMG_0001.HEIC', 'image/heic', 'image'],
  ['HEIC (heix)', ftyp('heix', 'mif1'), 'a.heic', 'image/heic', 'image'],
  ['HEIF (mif1)', ftyp('mif1', 'heic'), 'a.heif', 'image/heif', 'image'],
  ['TIFF little-endian', bytes('II*\0', [8, 0, 0, 0]), 'a.tif', 'image/tiff', 'image'],
  ['TIFF big-endian', bytes('MM\0*', [0, 0, 0, 8]), 'a.tiff', 'image/tiff', 'image'],
  ['BMP', bmp, 'a.bmp', 'image/bmp', 'image'],
  ['MP3 with ID3v2', bytes('ID3', [4, 0, 0, 0, 0, 0x02, 0x01]), 'a.mp3', 'audio/mpeg', 'audio'],
  ['MP3 frame sync', bytes([0xff, 0xfb, 0x90, 0x64]), 'a.mp3', 'audio/mpeg', 'audio'],
  ['AAC (ADTS)', bytes([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f]), 'a.aac', 'audio/aac', 'audio'],
  ['AAC with ID3, named .aac', bytes('ID3', [3, 0, 0, 0, 0, 0, 0]), 'a.aac', 'audio/aac', 'audio'],
  ['M4A', ftyp('M4A ', 'M4A ', 'mp42', 'isom'), 'a.m4a', 'audio/mp4', 'audio'],
  ['M4A with a generic brand', ftyp('isom', 'iso2', 'mp41'), '录音.m4a', 'audio/mp4', 'audio'],
  ['WAV', riff('WAVE', 'fmt '), 'a.wav', 'audio/wav', 'audio'],
  ['AMR (WeChat voice export)', bytes('#!AMR\n', [0x3c]), 'a.amr', 'audio/amr', 'audio'],
  ['AMR-WB', bytes('#!AMR-WB\n', [0x04]), 'a.awb', 'audio/amr-wb', 'audio'],
  ['OGG/Opus', bytes('OggS\0', [2], 'OpusHead'), 'a.opus', 'audio/ogg', 'audio'],
  ['MP4 (isom)', ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41'), 'a.mp4', 'video/mp4', 'video'],
  ['MP4 (mp42)', ftyp('mp42', 'mp42', 'isom'), 'a.mp4', 'video/mp4', 'video'],
  ['MP4 without a name', ftyp('mp42'), undefined, 'video/mp4', 'video'],
  ['MOV', ftyp('qt  ', 'qt  '), 'IMG_0002.MOV', 'video/quicktime', 'video'],
  ['MOV with a generic brand', ftyp('isom'), 'a.mov', 'video/quicktime', 'video'],
  ['3GP', ftyp('3gp4', '3gp4', 'isom'), 'a.3gp', 'video/3gpp', 'video'],
  ['3G2', ftyp('3g2a', '3g2a'), 'a.3g2', 'video/3gpp2', 'video'],
  [
    'WebM',
    bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], 'webm'),
    'a.webm',
    'video/webm',
    'video',
  ],
  [
    'MKV',
    bytes([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88], 'matroska'),
    'a.mkv',
    'video/x-matroska',
    'video',
  ],
  [
    'DOCX by its part names',
    zipEntry('[Content_Types].xml....word/document.xml'),
    'a.docx',
    DOCX,
    'document',
  ],
  [
    'XLSX by its part names',
    zipEntry('[Content_Types].xml....xl/workbook.xml'),
    'a.xlsx',
    XLSX,
    'document',
  ],
  [
    'DOCX by its name when the head shows no part',
    zipEntry('[Content_Types].xml'),
    'a.docx',
    DOCX,
    'document',
  ],
  [
    'XLSX by its name when the head shows no part',
    zipEntry('[Content_Types].xml'),
    'a.xlsx',
    XLSX,
    'document',
  ],
  ['DOC (OLE2)', ole2, '通知.doc', 'application/msword', 'document'],
  ['XLS (OLE2)', ole2, '台账.XLS', 'application/vnd.ms-excel', 'document'],
  ['e-mail (.eml)', bytes(email), '来信.eml', 'message/rfc822', 'document'],
  [
    'e-mail starting with Return-Path',
    bytes('Return-Path: <a@b.cn>\nTo: c@d.cn\n\nhi'),
    'a.eml',
    'message/rfc822',
    'document',
  ],
  [
    'e-mail after an mbox From line',
    bytes('From - Tue May 12 2020\nFrom: a@b.cn\n\nx'),
    'a.eml',
    'message/rfc822',
    'document',
  ],
  [
    'e-mail with a raw GBK body',
    Buffer.concat([bytes('From: a@b.cn\n\n'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4])]),
    'a.eml',
    'message/rfc822',
    'document',
  ],
  [
    'header-shaped notes saved as .txt',
    Buffer.from('Date: 2020-05-12\n\n当天的情况'),
    'notes.txt',
    'text/plain',
    'text',
  ],
  [
    'UTF-8 text',
    Buffer.from('2020年5月12日，某局长来电要求修改数据。\n'),
    '记录.txt',
    'text/plain',
    'text',
  ],
  [
    'UTF-8 text with a byte order mark',
    Buffer.from('\ufeff来电记录'),
    'a.txt',
    'text/plain',
    'text',
  ],
  [
    'text that starts "BM" (not a bitmap)',
    Buffer.from('BMW 车辆登记\n'),
    'a.txt',
    'text/plain',
    'text',
  ],
  ['text that starts "ID3" (not a tag)', Buffer.from('ID3 notes\n'), 'a.txt', 'text/plain', 'text'],
  ['text that starts "PK" (not a ZIP)', Buffer.from('PK 赛结果\n'), 'a.txt', 'text/plain', 'text'],
  [
    'a head cut inside a character',
    Buffer.from('记录').subarray(0, 4),
    'a.txt',
    'text/plain',
    'text',
  ],
];

describe('sniffMediaType', () => {
  it.each(allowed)('recognises %s', (_name, head, fileName, mediaType, kind) => {
    expect(sniffMediaType(head, fileName)).toEqual({ mediaType, kind });
  });

  it('ignores the name where the bytes decide', () => {
    const png = allowed.find(([name]) => name === 'PNG')![1];

    expect(sniffMediaType(png, 'looks-like.pdf')).toEqual({
      mediaType: 'image/png',
      kind: 'image',
    });
    expect(sniffMediaType(ftyp('qt  '), 'a.mp4')?.mediaType).toBe('video/quicktime');
  });

  it('reads only the first SNIFF_BYTES bytes', () => {
    const text = Buffer.alloc(SNIFF_BYTES, 'a');
    const binaryTail = Buffer.concat([text, Buffer.from([0, 0xff, 0xfe])]);

    expect(sniffMediaType(binaryTail, 'a.txt')).toEqual({ mediaType: 'text/plain', kind: 'text' });
  });

  const refused: Array<[string, Buffer, string | undefined]> = [
    ['an empty head', Buffer.alloc(0), 'a.txt'],
    ['a Windows executable', bytes('MZ', [0x90, 0, 3, 0, 0, 0], 'This program'), 'a.exe'],
    ['a Windows executable renamed .jpg', bytes('MZ', [0x90, 0, 3, 0]), 'photo.jpg'],
    ['"MZ" followed by text', bytes('MZ is how it starts'), 'a.txt'],
    ['an ELF binary', bytes('\x7fELF', [2, 1, 1, 0, 0, 0]), 'a'],
    ['a shell script', bytes('#!/bin/sh\necho hi\n'), 'run.txt'],
    ['a script behind a byte order mark', Buffer.from('\ufeff#!/usr/bin/env node\n'), 'a.txt'],
    ['a WeChat SILK voice file', bytes('#!SILK_V3', [0x0c, 0]), 'msg.amr'],
    ['a Mach-O binary', bytes([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]), 'a'],
    ['a plain ZIP', zipEntry('photos/1.jpg'), 'photos.zip'],
    ['a ZIP renamed .jpg', zipEntry('setup.exe'), 'photo.jpg'],
    ['a ZIP without a name', zipEntry('[Content_Types].xml'), undefined],
    ['an empty ZIP', bytes('PK\x05\x06', Array(18).fill(0)), 'a.docx'],
    ['an OLE2 file of another kind', ole2, 'setup.msi'],
    ['an OLE2 file without a name', ole2, undefined],
    ['AVIF (an ISO brand not allowed)', ftyp('avif', 'mif1'), 'a.avif'],
    ['an ISO file of unknown brand', ftyp('crx ', 'isom'), 'a.cr3'],
    ['EBML of unknown DocType', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x84], 'xxxx'), 'a.mkv'],
    ['GBK text', Buffer.from([0xb8, 0xc9, 0xd4, 0xa4, 0xbc, 0xc7, 0xc2, 0xbc, 0x0a]), 'a.txt'],
    ['UTF-16 text', Buffer.from('\ufeff记录', 'utf16le'), 'a.txt'],
    ['text with a NUL', Buffer.from('abc\0def'), 'a.txt'],
    [
      'a header-shaped GBK text saved as .txt',
      Buffer.concat([bytes('Date: x\n\n'), Buffer.from([0xd6, 0xd0])]),
      'a.txt',
    ],
    ['random bytes', Buffer.from([0x00, 0x9c, 0xfe, 0x13, 0x77, 0x00, 0x01]), 'a.bin'],
    ['MPEG sync with a reserved layer and bitrate', bytes([0xff, 0xe8, 0xf0, 0x00]), 'a.mp3'],
  ];

  it.each(refused)('refuses %s', (_name, head, fileName) => {
    expect(sniffMediaType(head, fileName)).toBeNull();
  });
});

describe('e-mail versus text', () => {
  it.each([
    ['a colon-less first line', 'Dear sir,\nFrom: a@b.cn\n\n'],
    ['no field only mail carries', 'Subject: hello\nTo: a@b.cn\n\n'],
    ['a header line that is not a field', 'From: a@b.cn\nnot a field\n\n'],
  ])('takes text with %s for text, not mail', (_name, text) => {
    expect(sniffMediaType(Buffer.from(text), 'a.txt')?.mediaType).toBe('text/plain');
    expect(sniffMediaType(Buffer.from(text), 'a.eml')?.mediaType).toBe('text/plain');
  });
});

describe('extensionMatches', () => {
  const cases: Array<[string, string, boolean]> = [
    ['扫描件.PDF', 'application/pdf', true],
    ['C:\\Users\\统计局\\扫描件.pdf', 'application/pdf', true],
    ['photo.jpeg', 'image/jpeg', true],
    ['截图.pdf', 'image/png', false],
    ['report.pdf.exe', 'application/pdf', false],
    ['clip.mp4', 'video/quicktime', true],
    ['voice.m4a', 'video/mp4', false],
    ['notes.txt', 'message/rfc822', false],
    ['台账.xlsx', DOCX, false],
    ['README', 'text/plain', true],
    ['.bashrc', 'text/plain', true],
    ['a.png', 'application/x-msdownload', false],
    ['a.png', 'toString', false],
  ];

  it.each(cases)('%s as %s: %s', (fileName, mediaType, expected) => {
    expect(extensionMatches(fileName, mediaType)).toBe(expected);
  });

  it('cuts names at the last dot of their last path segment', () => {
    expect(extensionOf('dir.v2/IMG.JPG ')).toBe('jpg');
    expect(extensionOf('dir.v2/README')).toBe('');
  });

  it('names each type in Chinese for the mismatch message', () => {
    expect(describeMediaType('image/png')).toEqual({ label: 'PNG 图片', extension: 'png' });
    expect(describeMediaType('application/zip')).toBeNull();
  });
});

describe('bodyCheckFor', () => {
  const fed = (mediaType: string, ...chunks: Buffer[]) => {
    const check = bodyCheckFor(mediaType)!;
    for (const chunk of chunks) {
      check.update(chunk);
    }

    return check.passed();
  };
  const word = Buffer.from('记');

  it('accepts UTF-8 split inside a character across chunks', () => {
    expect(fed('text/plain', word.subarray(0, 1), word.subarray(1))).toBe(true);
  });

  it('refuses text cut inside its last character, bad bytes or NUL after the head', () => {
    expect(fed('text/plain', Buffer.from('ok'), word.subarray(0, 2))).toBe(false);
    expect(fed('text/plain', Buffer.from('ok'), Buffer.from([0xc0, 0x80]))).toBe(false);
    expect(fed('text/plain', Buffer.from('ok'), Buffer.from([0]))).toBe(false);
  });

  it('lets an e-mail carry 8-bit bytes but not NUL', () => {
    expect(fed('message/rfc822', Buffer.from([0xd6, 0xd0]))).toBe(true);
    expect(fed('message/rfc822', Buffer.from([0x41, 0]))).toBe(false);
  });

  it('needs no check where the head decides', () => {
    expect(bodyCheckFor('image/png')).toBeNull();
  });
});
