/**
 * Looking at a PDF the way a reader does: its text as poppler extracts it, its fonts as
 * pdffonts lists them, and its QR codes as a scanner reads them from the rendered page.
 * Artefacts go to test-results/documents (git-ignored) for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import jsqr from 'jsqr';
import { PNG } from 'pngjs';

export const ARTEFACTS = 'test-results/documents';

// jsqr is a webpack bundle: to Node its function is the `default` of the CommonJS exports, and
// Vite's interop may or may not have unwrapped it already.
const jsQR = (typeof jsqr === 'function' ? jsqr : jsqr.default) as typeof jsqr.default;

export interface PdfFont {
  readonly name: string;
  /** pdffonts' `emb` column: `yes` or `no`. */
  readonly embedded: string;
  /** pdffonts' `sub` column: `yes` or `no`. */
  readonly subset: string;
}

/** Writes `pdf` under the artefacts folder; returns its path. */
export function save(name: string, pdf: Uint8Array): string {
  mkdirSync(ARTEFACTS, { recursive: true });
  const path = join(ARTEFACTS, name);
  writeFileSync(path, pdf);

  return path;
}

/** The text of a PDF in drawing order, so a caption wrapped beside a column reads whole. */
export function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' });
}

/** Text without whitespace: line breaks and the gaps between hex groups are layout, not text. */
export function flat(text: string): string {
  return text.replace(/\s+/g, '');
}

export function fontsOf(path: string): PdfFont[] {
  const lines = execFileSync('pdffonts', [path], { encoding: 'utf8' }).trim().split('\n');

  return lines.slice(2).map((line) => {
    const columns = line.trim().split(/\s+/);
    const [embedded, subset] = columns.slice(-5, -3);

    return { name: columns[0]!, embedded: embedded!, subset: subset! };
  });
}

/**
 * Renders the first page at `dpi`, as a printer or a camera would see it, and reads a QR code
 * from the pixels; undefined when none is found.
 */
export function scanQr(path: string, dpi = 150): string | undefined {
  const prefix = path.replace(/\.pdf$/, `-${dpi}dpi`);
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-singlefile', path, prefix]);
  const png = PNG.sync.read(readFileSync(`${prefix}.png`));
  const pixels = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);

  return jsQR(pixels, png.width, png.height)?.data;
}
