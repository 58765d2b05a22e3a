import { execFileSync } from 'node:child_process';

import { PageSizes, PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';

import { drawQrCode, encodeQr } from '../../src/documents/qr-code.js';
import { save, scanQr } from './pdf-inspection.js';

// Printable ASCII that is not a run of digits, so the length in bytes is the length in text.
function text(bytes: number): string {
  return Array.from({ length: bytes }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
}

describe('encodeQr', () => {
  it.each([
    ['a short text', text(10), { version: 1, size: 21, errorCorrection: 'M' }],
    ['the most level M holds', text(2331), { version: 40, size: 177, errorCorrection: 'M' }],
    ['one byte more, at level L', text(2332), { version: 36, size: 161, errorCorrection: 'L' }],
    ['Chinese, three bytes a character', '留'.repeat(800), { version: 36, errorCorrection: 'L' }],
  ])('encodes %s at the strongest level that holds it', (_, payload, want) => {
    expect(encodeQr(payload)).toMatchObject(want);
  });

  it('gives nothing for more than any QR code holds', () => {
    expect(encodeQr(text(2953))).toBeDefined();
    expect(encodeQr(text(2954))).toBeUndefined();
  });
});

describe('drawQrCode', () => {
  async function pageWith(
    payload: string,
    width: number,
  ): Promise<{ path: string; module: number }> {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage(PageSizes.A4);
    const module = drawQrCode(page, encodeQr(payload)!, { x: 100, y: 400, width });

    return { path: save(`qr-${payload.length}.pdf`, await pdf.save()), module };
  }

  it('draws vectors that a scanner reads back, with no image', async () => {
    const payload = '{"version":1,"log":"liuhen.example/410221","note":"留痕"}';
    const { path, module } = await pageWith(payload, 120);

    // Four modules of quiet zone on each side.
    expect(module).toBeCloseTo(120 / (encodeQr(payload)!.size + 8));
    expect(scanQr(path)).toBe(payload);
    const images = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' });
    expect(images.trim().split('\n')).toHaveLength(2);
  });

  // The receipt's worst case: a version-40 symbol 200 pt wide has modules of 0.38 mm, which a
  // 300 dpi rendering (and any office printer) resolves.
  it('draws the largest symbol legibly at the size of the receipt', async () => {
    const payload = text(2900);
    const { path } = await pageWith(payload, 200);

    expect(scanQr(path, 300)).toBe(payload);
  });
});
