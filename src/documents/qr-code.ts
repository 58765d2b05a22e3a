/**
 * QR codes drawn as vector rectangles on a PDF page: sharp at any printer resolution, and a
 * few kilobytes of content stream instead of an image.
 *
 * The text is encoded as one byte-mode segment of UTF-8 (ISO/IEC 18004 §7.4.5), which every
 * scanner reads, at the strongest error-correction level among M and L that holds it. A QR code
 * holds at most 2,331 bytes at level M and 2,953 at level L (version 40, ISO/IEC 18004 Table 7).
 */

import {
  type Color,
  fill,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingColor,
} from 'pdf-lib';
import QRCode from 'qrcode';

export type ErrorCorrection = 'M' | 'L';

/** A QR symbol's modules, ready to draw. */
export interface QrSymbol {
  /** Modules per side, without the quiet zone: 21 for version 1 up to 177 for version 40. */
  readonly size: number;
  /** 1 to 40. */
  readonly version: number;
  readonly errorCorrection: ErrorCorrection;
  /** Whether the module at (row, column) is dark; row 0 is the top. */
  isDark(row: number, column: number): boolean;
}

export interface QrPlacement {
  /** The left edge of the quiet zone, in points. */
  readonly x: number;
  /** The bottom edge of the quiet zone, in points. */
  readonly y: number;
  /** The side of the square, quiet zone included, in points. */
  readonly width: number;
  readonly color?: Color;
}

// ISO/IEC 18004 §6.3.8: four modules of light margin on every side.
const QUIET_ZONE = 4;

// M restores about 15% of damaged modules, L about 7%: prefer M for paper that gets folded.
const LEVELS: readonly ErrorCorrection[] = ['M', 'L'];

/**
 * The QR symbol for `text`, or undefined when the text is too long for any QR code.
 *
 * @example encodeQr('{"version":1,…}') // { size: 117, version: 25, errorCorrection: 'M', … }
 */
export function encodeQr(text: string): QrSymbol | undefined {
  const segments = [{ mode: 'byte' as const, data: Buffer.from(text, 'utf8') }];
  for (const level of LEVELS) {
    const code = tryCreate(segments, level);
    if (code !== undefined) {
      const { modules } = code;

      return {
        size: modules.size,
        version: code.version,
        errorCorrection: level,
        isDark: (row, column) => modules.get(row, column) === 1,
      };
    }
  }

  return undefined;
}

/**
 * Draws `symbol` with its quiet zone in the square `placement`, dark modules as filled
 * rectangles, adjacent modules of a row merged, all in one path.
 *
 * @returns the side of one module, in points, to judge whether a scanner can read the print.
 */
export function drawQrCode(page: PDFPage, symbol: QrSymbol, placement: QrPlacement): number {
  const module = placement.width / (symbol.size + 2 * QUIET_ZONE);
  const left = placement.x + QUIET_ZONE * module;
  const top = placement.y + placement.width - QUIET_ZONE * module;
  const operators = [pushGraphicsState(), setFillingColor(placement.color ?? rgb(0, 0, 0))];
  for (let row = 0; row < symbol.size; row++) {
    for (const [start, length] of darkRuns(symbol, row)) {
      const y = top - (row + 1) * module;
      operators.push(rectangle(left + start * module, y, length * module, module));
    }
  }

  page.pushOperators(...operators, fill(), popGraphicsState());

  return module;
}

function tryCreate(
  segments: QRCode.QRCodeSegment[],
  level: ErrorCorrection,
): QRCode.QRCode | undefined {
  try {
    return QRCode.create(segments, { errorCorrectionLevel: level });
  } catch (error) {
    // qrcode's only way of saying the data exceeds version 40 at this level.
    if ((error as Error).message.includes('too big')) {
      return undefined;
    }

    throw error;
  }
}

// Runs of dark modules in one row, as [first column, length].
function darkRuns(symbol: QrSymbol, row: number): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  for (let column = 0; column <= symbol.size; column++) {
    const dark = column < symbol.size && symbol.isDark(row, column);
    if (dark && start < 0) {
      start = column;
    } else if (!dark && start >= 0) {
      runs.push([start, column - start]);
      start = -1;
    }
  }

  return runs;
}
