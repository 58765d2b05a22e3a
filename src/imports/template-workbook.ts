/**
 * The import template a bureau downloads: one sheet 「导入记录」 with the headings (each with a
 * note) and drop-down lists for the columns with few choices, and a sheet 「填写说明」 that says
 * what each column takes, with an example record. The example stays off the data sheet, so a
 * forgotten example is never imported. Written from TEMPLATE_COLUMNS, the list the parser reads.
 */
import ExcelJS from 'exceljs';
import { TEMPLATE_COLUMNS } from './template-columns.js';

export const TEMPLATE_SHEET = '导入记录';
/** How many rows below the heading get the drop-down lists. */
const LIST_ROWS = 2000;

export async function templateWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '留痕 Liuhen';
  const sheet = workbook.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = TEMPLATE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const heading = sheet.getRow(1);
  heading.font = { bold: true };
  heading.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  heading.height = 30;
  TEMPLATE_COLUMNS.forEach((column, i) => {
    heading.getCell(i + 1).note = column.note;
  });

  addLists(sheet);
  addNotes(workbook);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addLists(sheet: ExcelJS.Worksheet) {
  TEMPLATE_COLUMNS.forEach((column, i) => {
    if (!column.list) return;

    const letter = sheet.getColumn(i + 1).letter;
    validations(sheet).add(`${letter}2:${letter}${LIST_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${column.list.join(',')}"`],
      showErrorMessage: true,
      errorTitle: column.header,
      error: `请从下拉列表中选择：${column.list.join('、')}`,
    });
  });
}

/** exceljs 4 keeps range validations here but leaves them out of its type declarations. */
function validations(sheet: ExcelJS.Worksheet) {
  return (
    sheet as unknown as {
      dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void };
    }
  ).dataValidations;
}

function addNotes(workbook: ExcelJS.Workbook) {
  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [
    { header: '列', key: 'header', width: 18 },
    { header: '填写要求', key: 'note', width: 80 },
    { header: '示例（一条口头干预）', key: 'example', width: 40 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const column of TEMPLATE_COLUMNS) notes.addRow(column);
  notes.addRow({});
  notes.addRow({
    header: '说明',
    note: '“导入记录”表每行一条记录，从第 2 行填起。列的顺序可以调整，列名不能改。',
  });
  notes.addRow({
    header: '',
    note: '导入前系统会逐行检查，有误的行会列出行号和列名；全部无误才导入，也可以选择只导入无误的行。',
  });
  notes.getColumn('note').alignment = { wrapText: true, vertical: 'top' };
}
