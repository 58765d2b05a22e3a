/**
 * Merged ranges as the importer opens them: exceljs's quadratic overlap check is replaced by a
 * per-cell one (src/imports/merge-index.ts), which must refuse exactly what the original did
 * and keep every merge of a large ledger, each slave cell pointing at its master.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { renderLedgerXlsx } from '../../src/documents/ledger-xlsx.js';
import { openWorkbook } from '../../src/imports/workbook-file.js';
import { buildLedger } from '../documents/document-fixtures.js';

async function workbookWithMerges(refs: string[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('记录台账').getCell('A1').value = '序号';
  const zip = await JSZip.loadAsync(await book.xlsx.writeBuffer());
  const path = 'xl/worksheets/sheet1.xml';
  const merges = `<mergeCells count="${refs.length}">${refs.map((r) => `<mergeCell ref="${r}"/>`).join('')}</mergeCells>`;
  const xml = (await zip.file(path)!.async('string')).replace(
    '</sheetData>',
    `</sheetData>${merges}`,
  );
  zip.file(path, xml);

  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('merged ranges of an uploaded workbook', () => {
  it('refuses overlapping merges as unreadable, as exceljs itself does', async () => {
    const file = await workbookWithMerges(['A1:B2', 'B2:C3']);
    await expect(openWorkbook(file)).rejects.toMatchObject({ code: 'IMPORT_UNREADABLE' });
  });

  it('keeps neighbouring merges, each cell knowing its master', async () => {
    const book = await openWorkbook(await workbookWithMerges(['A1:B2', 'C1:C3', 'A3:B3']));
    const sheet = book.worksheets[0]!;
    expect(sheet.getCell('B2').master.address).toBe('A1');
    expect(sheet.getCell('C3').master.address).toBe('C1');
    expect(sheet.getCell('B3').master.address).toBe('A3');
    expect(Object.keys((sheet as unknown as { _merges: object })._merges).sort()).toEqual([
      'A1',
      'A3',
      'C1',
    ]);
  });

  it('opens a ledger of 1,200 records with all of its 12,000 merges', async () => {
    const book = await openWorkbook(await renderLedgerXlsx(buildLedger(1_200)));
    const merges = Object.keys((book.worksheets[0] as unknown as { _merges: object })._merges);
    // Ten per band (A–G and K down the band, two of the three boxes), plus the cover, the
    // table head, the notes and the evidence list.
    expect(merges.length).toBeGreaterThan(1_200 * 10);
    const last = book.worksheets[0]!.getCell(`F${14 + 1_200 * 8}`);
    expect(last.master.address).toBe(`F${15 + 1_199 * 8}`);
  });
});
