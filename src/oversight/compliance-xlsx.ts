/**
 * The compliance view as an Excel workbook, for the annual report's appendix or a meeting:
 * one sheet 制度执行情况 with the totals and rates on top and the unit × quarter table below.
 * Each cell says its state in words (缺报、迟报 3 天…) and is also tinted, so a printout in
 * black and white reads the same.
 */
import ExcelJS from 'exceljs';
import type { ComplianceView } from './compliance.js';
import type { ComplianceCell, ComplianceTotals } from './compliance-status.js';

export const COMPLIANCE_SHEET = '制度执行情况';

const STATUS_TEXT: Record<ComplianceCell['status'], string> = {
  'not-due': '未到期',
  missing: '缺报',
  submitted: '已报待审',
  returned: '已退回',
  accepted: '已接收',
};

// Light tints that keep black text legible; the words carry the meaning.
const STATUS_FILL: Record<ComplianceCell['status'], string> = {
  'not-due': 'FFFFFFFF',
  missing: 'FFFFCCCC',
  submitted: 'FFDDEBF7',
  returned: 'FFFFE699',
  accepted: 'FFE2EFDA',
};

const FONT = { name: '宋体', size: 11 };
const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const CENTRE = { horizontal: 'center', vertical: 'middle', wrapText: true } as const;

const TOTAL_COLUMNS: Array<[keyof ComplianceTotals, string]> = [
  ['expected', '应报'],
  ['submitted', '已报'],
  ['onTime', '按时'],
  ['late', '迟报'],
  ['missing', '缺报'],
  ['pending', '待审'],
  ['returned', '退回'],
  ['accepted', '已接收'],
  ['completeness', '完整率'],
  ['timeliness', '及时率'],
];

/** The words for one cell: its status, and for a late or overdue quarter by how many days. */
export function cellText(cell: ComplianceCell): string {
  const status = STATUS_TEXT[cell.status];
  if (cell.status === 'missing') return `${status}（逾期 ${cell.daysLate} 天）`;
  if (cell.status !== 'not-due' && cell.late) return `${status}（迟报 ${cell.daysLate} 天）`;

  return status;
}

export function rateText(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

export async function renderComplianceXlsx(view: ComplianceView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Liuhen 留痕';
  workbook.title = `${view.region.name}${COMPLIANCE_SHEET}（${view.from}—${view.to}）`;
  const sheet = workbook.addWorksheet(COMPLIANCE_SHEET, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 },
  });
  const periods = view.periods.map((p) => p.period);
  const width = 2 + periods.length + TOTAL_COLUMNS.length;
  sheet.columns = [
    { width: 12 },
    { width: 22 },
    ...periods.map(() => ({ width: 16 })),
    ...TOTAL_COLUMNS.map(() => ({ width: 9 })),
  ];

  title(sheet, 1, width, workbook.title, 16);
  title(sheet, 2, width, `统计日期：${view.today}　报送单位 ${view.reportingUnits} 个`, 11);
  writeRow(sheet, 4, ['', '合计', ...TOTAL_COLUMNS.map(([, label]) => label)], true);
  writeRow(sheet, 5, ['', view.region.name, ...totalValues(view.totals)]);

  const header = ['单位代码', '单位名称', ...periods, ...TOTAL_COLUMNS.map(([, label]) => label)];
  writeRow(sheet, 7, header, true);
  view.units.forEach((row, i) => {
    const name = row.own ? `${row.name}（本级）` : row.name;
    const excelRow = writeRow(sheet, 8 + i, [
      row.unit,
      name,
      ...row.cells.map(cellText),
      ...totalValues(row.totals),
    ]);
    row.cells.forEach((cell, j) => {
      excelRow.getCell(3 + j).fill = {
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: STATUS_FILL[cell.status] },
      };
    });
  });
  const dues = ['', '报送期限', ...view.periods.map((p) => p.due)];
  writeRow(sheet, 8 + view.units.length, dues);
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 7 }];

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function totalValues(totals: ComplianceTotals): Array<string | number> {
  return TOTAL_COLUMNS.map(([key]) =>
    key === 'completeness' || key === 'timeliness' ? rateText(totals[key]) : (totals[key] ?? 0),
  );
}

function title(sheet: ExcelJS.Worksheet, row: number, width: number, text: string, size: number) {
  sheet.mergeCells(row, 1, row, width);
  const cell = sheet.getCell(row, 1);
  cell.value = text;
  cell.font = { ...FONT, size, bold: size > 11 };
  cell.alignment = CENTRE;
  sheet.getRow(row).height = size > 11 ? 30 : 18;
}

function writeRow(
  sheet: ExcelJS.Worksheet,
  index: number,
  values: Array<string | number>,
  heading = false,
): ExcelJS.Row {
  const row = sheet.getRow(index);
  values.forEach((value, i) => {
    const cell = row.getCell(i + 1);
    cell.value = value;
    cell.font = heading ? { ...FONT, bold: true } : FONT;
    cell.alignment = CENTRE;
    cell.border = BORDER;
  });

  return row;
}
