/**
 * The city bureau's annual report (汴统〔2020〕26号 §三) as a Word document that opens in WPS
 * and Word, laid out as a Chinese official document (GB/T 9704-2012): A4, a 156 × 225 mm type
 * area, title in 小标宋 二号, body in 仿宋 三号 at 22 lines a page, headings in 黑体 and 楷体,
 * page numbers 「— 1 —」 in 宋体 四号 on the outer side. The author edits the highlighted
 * bracketed paragraphs before the report is signed; every figure comes from the model.
 */
import { AlignmentType, Paragraph, type Table, TableRow } from 'docx';
import {
  type AnnualReport,
  annualReportTitle,
  checkAnnualReport,
  chineseCalendarDate,
  chineseDate,
  complianceSentences,
  onTimeRate,
  openingSentence,
  percentText,
  personsNote,
  recordsSentences,
  referralSentence,
  submissionTotals,
  unitTotals,
} from './annual-report.js';
import {
  body,
  type Cell,
  CHAR,
  caption,
  cell,
  centred,
  dataRow,
  exactLine,
  flush,
  headerRow,
  heading,
  placeholder,
  renderOfficialDocx,
  run,
  SIZE,
  table,
} from './official-docx.js';
import type { CountBlock, SummaryDocument } from './summary-document.js';
import { SIGNATURE_ORDER, SIGNATURE_TITLES, SUMMARY_TITLE } from './summary-document.js';

function shareOf(count: number, total: number): string {
  return total === 0 ? '—' : percentText(count / total);
}

// ——— sections ———

function complianceTable(report: AnnualReport): Table {
  const totals = submissionTotals(report.units);
  const rateText = (t: typeof totals) => {
    const rate = onTimeRate(t);
    return rate === null ? '—' : percentText(rate);
  };
  const rows = report.units.map((u, i) => {
    const t = unitTotals(u);
    return dataRow([i + 1, u.name, t.due, t.onTime, t.late, t.missing, t.zero, rateText(t)], 1);
  });
  const total = [
    '合计',
    '',
    totals.due,
    totals.onTime,
    totals.late,
    totals.missing,
    totals.zero,
    rateText(totals),
  ];

  return table(
    [620, 2100, 660, 1100, 1100, 860, 860, 1340],
    [
      headerRow(['序号', '单位', '应报', '按时报送', '逾期报送', '未报送', '零报告', '按时报送率']),
      ...rows,
      dataRow(total),
    ],
  );
}

function unitRecordsTable(report: AnnualReport): Table {
  const s = report.regionalSummary;
  const rows = report.units.map((u, i) =>
    dataRow([i + 1, u.name, u.records, u.persons, shareOf(u.records, s.records)], 1),
  );
  const total = dataRow([
    '合计',
    '',
    s.records,
    s.persons.total.count,
    shareOf(s.records, s.records),
  ]);

  return table(
    [620, 3000, 1300, 1300, 1300],
    [headerRow(['序号', '单位', '记录次数', '干预人数', '占比']), ...rows, total],
  );
}

function note(text: string | null): Paragraph[] {
  return text === null ? [] : [body(text, { size: SIZE.table })];
}

/** A block of the regional summary with each row's share of the block's total. */
function blockTable(block: CountBlock): Table {
  const total = block.total.count;
  const rows = block.rows.map((r) => dataRow([r.label, r.count, shareOf(r.count, total)], 0));
  const widths = block.rows.some((r) => r.label.length > 12) ? [40, 8, 8] : [20, 10, 10];

  return table(widths, [
    headerRow([block.rowHeading, block.countHeading, '占比']),
    ...rows,
    dataRow([block.total.label, total, shareOf(total, total)]),
  ]);
}

function recordsSection(report: AnnualReport) {
  const s = report.regionalSummary;

  return [
    heading('二、记录情况'),
    ...recordsSentences(report).map((t) => body(t)),
    caption('表2  各单位记录情况'),
    unitRecordsTable(report),
    ...note(personsNote(report)),
    caption('表3  干预人员级别（人数）'),
    blockTable(s.persons),
    caption('表4  干预形式（次数）'),
    blockTable(s.forms),
    caption('表5  干预类型（次数）'),
    blockTable(s.situations),
  ];
}

function referralSection(report: AnnualReport) {
  const rows = report.referrals.map((r, i) =>
    dataRow(
      [i + 1, r.number, chineseCalendarDate(r.date), r.target, r.records, r.feedback ?? '尚未反馈'],
      5,
    ),
  );
  const referralTable = table(
    [620, 1800, 1600, 1900, 1100, 1820],
    [headerRow(['序号', '移送文号', '移送日期', '移送对象', '涉及记录', '反馈情况']), ...rows],
  );

  return [
    heading('三、移送情况'),
    body(referralSentence(report.referrals)),
    ...(rows.length === 0 ? [] : [caption('表6  移送情况'), referralTable]),
  ];
}

function nextStepsSection() {
  return [
    heading('四、存在的问题和下一步工作'),
    heading('（一）存在的问题', 'subheading'),
    placeholder('填写本年度制度执行中存在的问题，如报送不及时、记录不规范、零报告核实不够等'),
    heading('（二）下一步工作', 'subheading'),
    placeholder('填写下一年度的工作安排，如加强培训、开展监督检查、严格责任追究等'),
  ];
}

/** Width of a line in characters: CJK counts one, digits and Latin letters half. */
function charWidth(text: string): number {
  return [...text].reduce((n, c) => n + (c.charCodeAt(0) < 0x2000 ? 0.5 : 1), 0);
}

/**
 * GB/T 9704 §7.3.5.1: the date sits four characters from the right margin and the bureau's
 * name is centred over it.
 */
function signature(report: AnnualReport): Paragraph[] {
  const name = report.city.name;
  const date = chineseDate(report.generatedAt);
  const nameIndent = 4 * CHAR + Math.round(((charWidth(date) - charWidth(name)) / 2) * CHAR);
  const right = (text: string, indent: number) =>
    new Paragraph({
      children: [run(text)],
      alignment: AlignmentType.RIGHT,
      indent: { right: Math.max(indent, 0) },
      spacing: exactLine,
    });

  return [flush(''), flush(''), right(name, nameIndent), right(date, 4 * CHAR)];
}

// ——— 附件: the regional summary in the layout of 附件2 ———

function summaryTable(summary: SummaryDocument): Table {
  const { persons, forms, situations } = summary;
  const height = Math.max(persons.rows.length, forms.rows.length);
  const side = (block: CountBlock, i: number): Cell[] => {
    const row = block.rows[i];
    return row ? [row.label, row.count] : ['', ''];
  };
  const pair = (a: Cell[], b: Cell[]) => dataRow([...a, ...b]);
  const blockHeads = new TableRow({
    children: [
      cell(persons.title, { span: 2, header: true }),
      cell(forms.title, { span: 2, header: true }),
    ],
    cantSplit: true,
  });
  const situationRow = (label: Cell, count: Cell, header = false) =>
    new TableRow({
      children: [cell(label, { span: 3, header, left: !header }), cell(count, { header })],
      cantSplit: true,
    });

  return table(
    [1, 1, 1, 1],
    [
      blockHeads,
      headerRow([persons.rowHeading, persons.countHeading, forms.rowHeading, forms.countHeading]),
      ...Array.from({ length: height }, (_, i) => pair(side(persons, i), side(forms, i))),
      pair([persons.total.label, persons.total.count], [forms.total.label, forms.total.count]),
      new TableRow({ children: [cell(situations.title, { span: 4, header: true })] }),
      situationRow(situations.rowHeading, situations.countHeading, true),
      ...situations.rows.map((r) => situationRow(r.label, r.count)),
      situationRow(situations.total.label, situations.total.count),
    ],
  );
}

function attachment(report: AnnualReport) {
  const s = report.regionalSummary;
  const signatures = SIGNATURE_ORDER.map((role) => {
    const line = s.signatures.find((l) => l.role === role);
    return `${SIGNATURE_TITLES[role]}：${line?.name ?? '　　　　'}`;
  });
  const units = s.units === undefined ? [] : [flush(`注：本表汇总${s.units}个单位的季度汇总表。`)];

  return [
    new Paragraph({
      children: [run('附件', { font: 'heading' })],
      spacing: exactLine,
      pageBreakBefore: true,
    }),
    centred(SUMMARY_TITLE, { font: 'title', size: SIZE.title }),
    centred(s.period.text, {}),
    flush(`填报单位（公章）：${s.filler.name}`),
    summaryTable(s),
    ...units,
    flush(signatures.join('　　')),
  ];
}

// ——— the document ———

function reportBody(report: AnnualReport) {
  return [
    centred(annualReportTitle(report), { font: 'title', size: SIZE.title }),
    flush(''),
    flush(`${report.addressees.join('、')}：`),
    body(openingSentence(report)),
    heading('一、制度执行情况'),
    placeholder('概述本年度组织落实、宣传培训和监督检查等情况'),
    ...complianceSentences(report).map((t) => body(t)),
    caption('表1  各单位季度报告报送情况'),
    complianceTable(report),
    ...recordsSection(report),
    ...referralSection(report),
    ...nextStepsSection(),
    body('特此报告。'),
    flush(''),
    body(`附件：${report.regionalSummary.period.text}${SUMMARY_TITLE}`),
    ...signature(report),
    ...attachment(report),
  ];
}

/**
 * Renders the annual report as a .docx file.
 *
 * Precondition: the report's figures agree (checkAnnualReport); it throws otherwise, so a
 * document whose text contradicts its tables is never produced.
 */
export async function renderAnnualReportDocx(report: AnnualReport): Promise<Buffer> {
  checkAnnualReport(report);

  return renderOfficialDocx({
    title: annualReportTitle(report),
    creator: report.city.name,
    children: reportBody(report),
  });
}
