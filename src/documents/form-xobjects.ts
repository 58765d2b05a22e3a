/**
 * Drawings that repeat, drawn once: the ruled grid and printed labels of a table band, the head
 * of a page, each made one Form XObject (ISO 32000-1 §8.10) and placed again wherever the same
 * drawing recurs. A ledger of 10,000 records has a handful of band shapes, so its file holds
 * the eleven labels and 27 cells of a record band a handful of times, not 10,000 times.
 *
 * A drawing becomes an XObject the second time it is asked for: one met once is cheaper drawn.
 */

import { type PDFDocument, type PDFEmbeddedPage, type PDFPage, PDFRef } from 'pdf-lib';

export class FormXObjects {
  private readonly stamps = new Map<string, PDFEmbeddedPage>();

  private readonly seen = new Set<string>();

  /**
   * The XObject of the drawing `key`, `width` × `height`, which `draw` makes on a page of that
   * size; undefined the first time a key is asked for, when the caller draws it in place.
   */
  async of(
    pdf: PDFDocument,
    key: string,
    size: { width: number; height: number },
    draw: (page: PDFPage) => void,
  ): Promise<PDFEmbeddedPage | undefined> {
    const stamp = this.stamps.get(key);
    if (stamp !== undefined || !this.seen.has(key)) {
      this.seen.add(key);
      return stamp;
    }

    const made = await makeStamp(pdf, size, draw);
    this.stamps.set(key, made);

    return made;
  }
}

// Draws on a scratch page, embeds it as a Form XObject, then takes the scratch page out again,
// objects and all, so the file holds the drawing once, inside the stamp.
async function makeStamp(
  pdf: PDFDocument,
  size: { width: number; height: number },
  draw: (page: PDFPage) => void,
): Promise<PDFEmbeddedPage> {
  const scratch = pdf.addPage([size.width, size.height]);
  draw(scratch);
  const stamp = await pdf.embedPage(scratch);
  await stamp.embed();

  const contents = scratch.node.normalizedEntries().Contents;
  pdf.removePage(pdf.getPageCount() - 1);
  for (const ref of contents?.asArray() ?? []) {
    if (ref instanceof PDFRef) {
      pdf.context.delete(ref);
    }
  }

  pdf.context.delete(scratch.ref);

  return stamp;
}
