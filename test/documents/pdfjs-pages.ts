/**
 * A PDF's pages as pdf.js reads them (the issue asks for pdfjs-dist): each page's size, its
 * text items in drawing order, and how many images it paints. Text drawn inside Form XObjects
 * counts, as it does for a reader copying text out of the page.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfjsPage {
  readonly width: number;
  readonly height: number;
  /** The text of each drawn run, in drawing order. */
  readonly items: readonly string[];
  /** The items joined without whitespace: wrapped lines read as the text they came from. */
  readonly text: string;
  readonly images: number;
}

// The metrics of the 14 standard fonts, for attached PDFs that use Helvetica and the like.
const standardFontDataUrl = join(
  dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
  'standard_fonts/',
);

export async function readPages(pdf: Uint8Array): Promise<PdfjsPage[]> {
  // pdf.js takes over the buffer it is given; it gets a copy.
  const data = new Uint8Array(pdf);
  const document = await getDocument({ data, isEvalSupported: false, standardFontDataUrl }).promise;
  const pages: PdfjsPage[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const [, , width, height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const items = content.items.flatMap((item) =>
      'str' in item && item.str !== '' ? [item.str] : [],
    );
    const operators = await page.getOperatorList();
    const images = operators.fnArray.filter((op) => op === OPS.paintImageXObject).length;
    pages.push({ width, height, items, text: items.join('').replace(/\s+/g, ''), images });
  }

  await document.destroy();

  return pages;
}
