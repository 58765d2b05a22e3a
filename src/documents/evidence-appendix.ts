/**
 * The evidence appended to a printed ledger: 填报说明 6 of 附件1 makes the letters, the
 * screenshots and the printed e-mails part of the ledger, to be attached after the table.
 *
 * Images are drawn one to a page under a heading naming the record they belong to; the pages
 * of a PDF file are copied in unchanged after a heading that tells which page numbers they
 * take; anything else (audio, video, office files) and any file that cannot be read is listed
 * with its SM3 hash, so the reader can find the electronic file.
 */

import { PageSizes, PDFDocument, type PDFImage, rgb } from 'pdf-lib';

import { digest } from '../ledger/hash-algorithm.js';
import { PageFlow } from './page-flow.js';
import type { TextWidths } from './text-widths.js';

/** One evidence file of a record, with its bytes. */
export interface EvidenceAttachment {
  /** 序号 of the record in the ledger. */
  readonly seq: number;
  readonly name: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
}

const MARGIN = 28;

const FOOTER = 14;

const HEADING = { size: 11, leading: 20, color: rgb(0, 0, 0) };

const NOTE = { size: 9, leading: 14, color: rgb(0.35, 0.35, 0.35) };

const IMAGE_TYPES: Readonly<
  Record<string, (pdf: PDFDocument, bytes: Uint8Array) => Promise<PDFImage>>
> = {
  'image/png': (pdf, bytes) => pdf.embedPng(bytes),
  'image/jpeg': (pdf, bytes) => pdf.embedJpg(bytes),
};

/**
 * Appends `attachments` to `pdf` in order.
 *
 * @returns the indexes of the pages copied from PDF files, which must stay as they are.
 */
export async function appendEvidence(
  pdf: PDFDocument,
  widths: TextWidths,
  attachments: readonly EvidenceAttachment[],
): Promise<Set<number>> {
  const appendix = new Appendix(pdf, widths);
  for (const file of attachments) {
    await appendix.add(file);
  }

  return appendix.originals;
}

/**
 * A file size as people read it.
 *
 * @example sizeText(52_113) // '50.9 KB'
 */
export function sizeText(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} 字节`;
  }

  const kilobytes = bytes / 1024;

  return kilobytes < 1024 ? `${kilobytes.toFixed(1)} KB` : `${(kilobytes / 1024).toFixed(1)} MB`;
}

class Appendix {
  readonly originals = new Set<number>();

  // The page that headings and notes flow down; closed by an image or a copied file, so what
  // follows starts a page of its own.
  private listing: PageFlow | undefined;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly widths: TextWidths,
  ) {}

  async add(file: EvidenceAttachment): Promise<void> {
    const embed = IMAGE_TYPES[file.mediaType];
    if (embed !== undefined) {
      await this.addImage(file, embed);
    } else if (file.mediaType === 'application/pdf') {
      await this.addPdf(file);
    } else {
      this.list(file, `该文件类型无法嵌入，见电子文件（SM3 ${sm3Of(file)}）`);
    }
  }

  private async addImage(file: EvidenceAttachment, embed: (typeof IMAGE_TYPES)[string]) {
    const image = await embed(this.pdf, file.bytes).catch(() => undefined);
    if (image === undefined) {
      this.list(file, `图片无法读取，未能附入，见电子文件（SM3 ${sm3Of(file)}）`);
      return;
    }

    const flow = this.newFlow(image.width > image.height);
    flow.paragraph(headingOf(file), HEADING);
    flow.skip(8);
    const room = { width: flow.width, height: flow.y - flow.bottom };
    // Small images keep their size (a pixel a point) rather than being blown up blurred.
    const scale = Math.min(1, room.width / image.width, room.height / image.height);
    const size = { width: image.width * scale, height: image.height * scale };
    const x = flow.left + (room.width - size.width) / 2;
    flow.page.drawImage(image, { x, y: flow.y - size.height, ...size });
    this.listing = undefined;
  }

  private async addPdf(file: EvidenceAttachment): Promise<void> {
    const pages = await copiedPages(this.pdf, file.bytes);
    if (pages === undefined) {
      this.list(file, `PDF 文件无法读取或已加密，未能附入，见电子文件（SM3 ${sm3Of(file)}）`);
      return;
    }

    this.openListing();
    const first = this.pdf.getPageCount() + 1;
    const last = first + pages.length - 1;
    this.list(file, `原件共 ${pages.length} 页，附后（第 ${first}–${last} 页）`);
    for (const page of pages) {
      this.originals.add(this.pdf.getPageCount());
      this.pdf.addPage(page);
    }

    this.listing = undefined;
  }

  // A heading and a note on the listing page.
  private list(file: EvidenceAttachment, note: string): void {
    const listing = this.openListing();
    listing.paragraph(headingOf(file), HEADING);
    listing.paragraph(note, NOTE);
    listing.skip(8);
  }

  // The listing page, a new one unless the open one has room for a long heading and note.
  private openListing(): PageFlow {
    this.listing ??= this.newFlow(true);
    this.listing.ensure(2 * HEADING.leading + 2 * NOTE.leading);

    return this.listing;
  }

  private newFlow(landscape: boolean): PageFlow {
    const [short, long] = PageSizes.A4;
    const size: [number, number] = landscape ? [long, short] : [short, long];
    const flow = new PageFlow(this.pdf, this.widths, {
      size,
      margin: MARGIN,
      footer: FOOTER,
      start: (page) => page.getHeight() - MARGIN,
    });
    flow.newPage();

    return flow;
  }
}

function headingOf(file: EvidenceAttachment): string {
  return `附：证据材料 记录序号 ${file.seq} · ${file.name}`;
}

// The pages of a PDF file, or undefined when it cannot be read: damaged, encrypted (pdf-lib
// refuses those by default), or without a page.
async function copiedPages(pdf: PDFDocument, bytes: Uint8Array) {
  try {
    const source = await PDFDocument.load(bytes, { updateMetadata: false });
    const pages = await pdf.copyPages(source, source.getPageIndices());

    return pages.length === 0 ? undefined : pages;
  } catch {
    return undefined;
  }
}

function sm3Of(file: EvidenceAttachment): string {
  return digest('sm3', file.bytes).toString('hex');
}
