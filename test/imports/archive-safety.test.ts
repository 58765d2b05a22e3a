/**
 * What an uploaded workbook may not hide (issue 8, Uploads): a ZIP bomb (a part that inflates
 * past the limit), a path that climbs out of the package or starts at the root, a symbolic
 * link. Each is refused with a message before any reader expands it; a real workbook opens.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { MAX_INFLATED_BYTES, openWorkbook } from '../../src/imports/workbook-file.js';

async function workbook(): Promise<JSZip> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('记录台账').getCell('A1').value = '序号';
  return JSZip.loadAsync(await book.xlsx.writeBuffer());
}

async function packed(zip: JSZip): Promise<Buffer> {
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}

describe('archives inside an uploaded workbook', () => {
  it('opens a plain workbook', async () => {
    const book = await openWorkbook(await packed(await workbook()));
    expect(book.worksheets[0]!.getCell('A1').value).toBe('序号');
  });

  it('refuses a part that inflates past the limit, though the file itself is small', async () => {
    const zip = await workbook();
    zip.file('xl/media/image1.bin', Buffer.alloc(MAX_INFLATED_BYTES + 1024 * 1024));
    const file = await packed(zip);
    expect(file.length).toBeLessThan(2 * 1024 * 1024);

    await expect(openWorkbook(file)).rejects.toMatchObject({
      code: 'IMPORT_UNSAFE_ARCHIVE',
      message: expect.stringContaining('解压后过大'),
    });
  });

  it.each([
    ['../../etc/cron.d/evil', 'climbs out of the package'],
    ['xl/../../evil.xml', 'climbs out from inside'],
    ['/etc/passwd', 'starts at the root'],
    ['C:/Windows/evil.xml', 'names a drive'],
  ])('refuses an entry named %s (%s)', async (name) => {
    const zip = await workbook();
    zip.file(name, '<x/>', { createFolders: false });
    await expect(openWorkbook(await packed(zip))).rejects.toMatchObject({
      code: 'IMPORT_UNSAFE_ARCHIVE',
    });
  });

  it('refuses a symbolic link', async () => {
    const zip = await workbook();
    zip.file('xl/media/link', '/etc/shadow', { unixPermissions: 0o120777 });
    await expect(openWorkbook(await packed(zip))).rejects.toMatchObject({
      code: 'IMPORT_UNSAFE_ARCHIVE',
    });
  });
});
