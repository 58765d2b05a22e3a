/**
 * Excel files for the import tests, written with exceljs as a bureau's own file would be: the
 * import template with rows keyed by heading, and a paper-era ledger in the layout of 附件1
 * (with or without Liuhen's 级别 and 干预情形), each open to edits for the odd cases.
 */
import ExcelJS from 'exceljs';
import { TEMPLATE_COLUMNS } from '../../src/imports/template-columns.js';

type Row = Record<string, ExcelJS.CellValue>;
type Edit = (sheet: ExcelJS.Worksheet) => void;

/** A valid oral record of 2020Q2 under the 2017 rules, keyed by template heading. */
export function templateRow(overrides: Row = {}): Row {
  return {
    记录机构: '综合科',
    干预人: '王某',
    '干预人单位、职务': '杞县人民政府副县长',
    级别: '县处级',
    干预情形: '(三)',
    干预时间: '2020年5月12日15时',
    干预形式: '口头干预',
    统计指标: '地区生产总值（2020年一季度）',
    具体表述: '这个增速报低了，再调高两个点。',
    在场人员: '李某（综合科科员）',
    地点: '县政府三楼会议室',
    记录人: '张某',
    ...overrides,
  };
}

export async function templateXlsx(
  rows: Row[],
  options: { headers?: string[]; edit?: Edit } = {},
): Promise<Buffer> {
  const headers = options.headers ?? TEMPLATE_COLUMNS.map((c) => c.header);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('导入记录');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(headers.map((h) => row[h] ?? null));
  options.edit?.(sheet);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface LedgerRecord {
  interferer: string;
  post: string;
  level?: string;
  situation?: string;
  content: ExcelJS.CellValue;
  occurredAt: ExcelJS.CellValue;
  /** The three 干预形式 boxes: rows 1–2, row 3, rows 4–8 of the band. */
  boxes: [string, string, string];
  /** The eight detail values, in 附件1's order (在场人员 … 其他来源). */
  details: string[];
  recorder: string;
}

export function oralRecord(overrides: Partial<LedgerRecord> = {}): LedgerRecord {
  return {
    interferer: '王某',
    post: '杞县人民政府副县长',
    content: '统计指标：地区生产总值（2020年一季度）\n具体表述：这个增速报低了，再调高两个点。',
    occurredAt: '2020年5月12日15时',
    boxes: ['☑ 口头干预', '☐ 来文来函', '☐ 通讯信息'],
    details: ['李某（综合科科员）', '县政府三楼会议室', '', '', '', '', '', ''],
    recorder: '张某',
    ...overrides,
  };
}

const LABELS = [
  '在场人员(签字)',
  '地点',
  '来文来函单位',
  '电话号码',
  'QQ 号码',
  '微信号',
  'Email 地址',
  '其他来源',
];

/**
 * A ledger as 附件1 lays it out: title, period, 记录单位, heading, bands of eight rows, then
 * 填报说明. Without `withLevelAndSituation` it has the paper form's columns only.
 */
export async function ledgerXlsx(
  records: LedgerRecord[],
  options: { withLevelAndSituation?: boolean; period?: string; office?: string; edit?: Edit } = {},
): Promise<Buffer> {
  const extra = options.withLevelAndSituation ?? false;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(['领导干部违规干预统计工作记录台账']);
  sheet.addRow([options.period ?? '2020年度第二季度']);
  sheet.addRow(['记录单位：杞县统计局', '', '', '', '', `记录机构：${options.office ?? '综合科'}`]);
  const headings = [
    '序号',
    '干预人',
    '干预人单位、职务',
    ...(extra ? ['级别', '干预情形'] : []),
    '干预内容',
    '干预时间',
    '干预形式',
    '',
    '',
    '记录人(签字)',
  ];
  sheet.addRow(headings);
  const form = headings.indexOf('干预形式') + 1;
  sheet.mergeCells(4, form, 4, form + 2);

  records.forEach((record, i) => {
    const top = 5 + i * LABELS.length;
    const single = [
      i + 1,
      record.interferer,
      record.post,
      ...(extra ? [record.level ?? '', record.situation ?? ''] : []),
      record.content,
      record.occurredAt,
    ];
    single.forEach((value, c) => {
      sheet.getCell(top, c + 1).value = value;
      sheet.mergeCells(top, c + 1, top + 7, c + 1);
    });
    sheet.getCell(top, form + 3).value = record.recorder;
    sheet.mergeCells(top, form + 3, top + 7, form + 3);
    const boxRows: Array<[number, number]> = [
      [0, 1],
      [2, 2],
      [3, 7],
    ];
    boxRows.forEach(([from, to], b) => {
      sheet.getCell(top + from, form).value = record.boxes[b];
      if (to > from) sheet.mergeCells(top + from, form, top + to, form);
    });
    LABELS.forEach((label, k) => {
      sheet.getCell(top + k, form + 1).value = label;
      sheet.getCell(top + k, form + 2).value = record.details[k] ?? '';
    });
  });
  sheet.addRow(['填报说明：']);
  sheet.addRow(['1. 记录单位为各县（区）统计局。']);
  options.edit?.(sheet);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
