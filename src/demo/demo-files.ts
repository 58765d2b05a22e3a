/**
 * The files the demo uploads: seal images, screenshots of chats and the scan of a letter or
 * of a signed summary. They are drawn in code (a tiny PNG encoder, pdf-lib for PDFs), so the
 * demo needs no fixture files and no development dependency, and the same seed gives the same
 * bytes.
 */
import { deflateSync } from 'node:zlib';
import { PDFDocument, rgb } from 'pdf-lib';
import { ChineseFonts } from '../documents/chinese-font.js';

type Rgb = readonly [number, number, number];

/** An RGB raster filled with one colour, drawn on with rectangles and rings. */
class Raster {
  readonly pixels: Buffer;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.pixels = Buffer.alloc(width * height * 3);
    this.rect(0, 0, width, height, background);
  }

  rect(x: number, y: number, w: number, h: number, colour: Rgb): void {
    for (let row = Math.max(0, y); row < Math.min(this.height, y + h); row += 1) {
      for (let col = Math.max(0, x); col < Math.min(this.width, x + w); col += 1) {
        this.pixels.set(colour, (row * this.width + col) * 3);
      }
    }
  }

  ring(cx: number, cy: number, outer: number, inner: number, colour: Rgb): void {
    for (let row = cy - outer; row <= cy + outer; row += 1) {
      for (let col = cx - outer; col <= cx + outer; col += 1) {
        const d = Math.hypot(col - cx, row - cy);
        if (d <= outer && d >= inner) this.rect(col, row, 1, 1, colour);
      }
    }
  }

  png(): Buffer {
    const stride = this.width * 3;
    const rows = Buffer.alloc((stride + 1) * this.height);
    for (let row = 0; row < this.height; row += 1) {
      // Filter byte 0 (none) before each scanline (PNG spec §9.2).
      this.pixels.copy(rows, row * (stride + 1) + 1, row * stride, (row + 1) * stride);
    }
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width, 0);
    header.writeUInt32BE(this.height, 4);
    header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter, no interlace

    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(rows)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);

  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));

  return Buffer.concat([length, body, crc]);
}

const RED: Rgb = [200, 30, 30];

/** A round red seal: two rings and a star-like block in the middle. */
export function sealPng(): Buffer {
  const image = new Raster(160, 160, [255, 255, 255]);
  image.ring(80, 80, 76, 68, RED);
  image.ring(80, 80, 60, 58, RED);
  image.rect(66, 66, 28, 28, RED);

  return image.png();
}

const chatColours: Record<string, { bar: Rgb; mine: Rgb }> = {
  wechat: { bar: [237, 237, 237], mine: [149, 236, 105] },
  qq: { bar: [18, 150, 219], mine: [18, 183, 245] },
  email: { bar: [50, 90, 160], mine: [230, 236, 245] },
  phone: { bar: [245, 245, 245], mine: [220, 220, 220] },
  other: { bar: [22, 119, 255], mine: [200, 224, 255] },
};

/**
 * A phone screenshot of a conversation: a title bar in the channel's colour and a few message
 * bubbles whose widths vary with `variant`, so two screenshots differ (and hash differently).
 */
export function screenshotPng(channel: string, variant: number): Buffer {
  const colours = chatColours[channel] ?? (chatColours.other as { bar: Rgb; mine: Rgb });
  const image = new Raster(180, 320, [250, 250, 250]);
  image.rect(0, 0, 180, 28, colours.bar);
  for (let i = 0; i < 5; i += 1) {
    const width = 50 + ((variant * 37 + i * 53) % 60);
    const theirs = (variant + i) % 2 === 0;
    const y = 40 + i * 52;
    image.rect(12, y, 22, 22, [180, 180, 180]);
    if (theirs) image.rect(40, y, width, 30, [255, 255, 255]);
    else image.rect(180 - 40 - width, y, width, 30, colours.mine);
  }

  return image.png();
}

/** A one-page A4 document with a title, body lines and a red seal: a letter or a summary scan. */
export async function documentPdf(title: string, lines: string[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  // A fixed date, so the same content gives the same bytes.
  pdf.setCreationDate(new Date('2020-01-01T00:00:00Z'));
  pdf.setModificationDate(new Date('2020-01-01T00:00:00Z'));
  const page = pdf.addPage([595, 842]);
  const fonts = await ChineseFonts.embed(pdf, [title, ...lines]);
  fonts.draw(page, title, { x: 297 - fonts.widthOf(title, 18) / 2, y: 740, size: 18 });
  lines.forEach((line, i) => {
    fonts.draw(page, line, { x: 72, y: 690 - i * 26, size: 12 });
  });
  page.drawCircle({ x: 440, y: 150, size: 48, borderColor: rgb(0.8, 0.1, 0.1), borderWidth: 4 });

  return Buffer.from(await pdf.save());
}
