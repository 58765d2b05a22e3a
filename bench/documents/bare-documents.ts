/**
 * The baselines of the documents benchmark: the least each library needs to put the same
 * content in a file. For Excel, exceljs writing the ledger's cells (same values, same places)
 * with no merges, borders or page set-up. For PDF, pdf-lib drawing the same strings in the same
 * subset Chinese font, line after line, with no table, wrapping or measuring.
 */
import { PassThrough } from 'node:stream';
import fontkit from '@pdf-lib/fontkit';
import ExcelJS from 'exceljs';
import { PageSizes, PDFDocument } from 'pdf-lib';
import {
  DETAIL_ROWS,
  FORM_BOXES,
  type LedgerDocument,
  type LedgerRow,
} from '../../src/documents/ledger-document.js';
import { primaryFontFile } from '../../src/documents/noto-sans-sc.js';

/**
 * The fastest way exceljs writes cells, as the export itself does: its streaming writer, each
 * row committed once written, into memory.
 */
export async function bareLedgerXlsx(doc: LedgerDocument): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: true });
  const sheet = book.addWorksheet('记录台账');
  let r = 1;
  for (const row of doc.rows) {
    for (const values of bandCells(row)) {
      const line = sheet.getRow(r);
      line.values = values;
      line.commit();
      r += 1;
    }
  }
  sheet.commit();
  await book.commit();

  return Buffer.concat(chunks);
}

/** A band's cells, row by row, A…K as the ledger export places them. */
function bandCells(row: LedgerRow): Array<Array<string | number | null>> {
  return DETAIL_ROWS.map((detail, i) => {
    const box = boxAt(i);
    const head =
      i === 0
        ? [row.seq, row.interferer, row.post, row.level, row.situation, row.content, row.occurredAt]
        : [null, null, null, null, null, null, null];
    return [
      ...head,
      box ? `${row.form === box.form ? '☑' : '☐'} ${box.label}` : null,
      detail.label,
      row.details[detail.key] || null,
      i === 0 ? row.recorder : null,
    ];
  });
}

function boxAt(index: number) {
  let first = 0;
  for (const box of FORM_BOXES) {
    if (first === index) return box;
    first += box.rows;
  }

  return undefined;
}

export async function bareLedgerPdf(doc: LedgerDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(primaryFontFile().bytes, { subset: true });
  const [width, height] = [PageSizes.A4[1], PageSizes.A4[0]];
  const lines = doc.rows.flatMap(rowStrings);
  const perPage = Math.floor((height - 60) / 12);

  for (let at = 0; at < lines.length; at += perPage) {
    const page = pdf.addPage([width, height]);
    lines.slice(at, at + perPage).forEach((text, i) => {
      page.drawText(text, { x: 30, y: height - 30 - i * 12, size: 9, font });
    });
  }

  return pdf.save();
}

function rowStrings(row: LedgerRow): string[] {
  return [
    String(row.seq),
    row.interferer,
    row.post,
    row.level,
    row.situation,
    ...row.content.split('\n'),
    row.occurredAt,
    ...FORM_BOXES.map((b) => b.label),
    ...DETAIL_ROWS.flatMap((d) => [d.label, row.details[d.key]]).filter(Boolean),
    row.recorder,
  ];
}
