/**
 * The annual report (汴统〔2020〕26号 §三) rendered to .docx, unzipped and read back: the
 * package's parts, the GB/T 9704 page and fonts, every sentence's figures against the tables,
 * the regional summary in the layout of 附件2, and the page numbers. The file is kept in
 * test-results/documents for a person to open in WPS or Word.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  type AnnualReport,
  chineseDate,
  DEFAULT_ADDRESSEES,
  onTimeRate,
  percentText,
  type QuarterSubmission,
  type ReportingUnitYear,
  submissionTotals,
} from '../../src/documents/annual-report.js';
import { renderAnnualReportDocx } from '../../src/documents/annual-report-docx.js';
import { type SummaryDocument, summaryBlocks } from '../../src/documents/summary-document.js';
import type { Summary } from '../../src/reports/summary.js';
import { ruleVersions, type SituationDefinition } from '../../src/rules/rule-versions.js';

const ARTEFACTS = 'test-results/documents';
const situations2017 = ruleVersions[0]!.situations;

// ——— factories ———

interface QuarterPlan {
  late?: number[];
  missing?: number[];
  /** Quarters with records, so not zero reports. */
  withRecords?: number[];
}

function quarters({ late = [], missing = [], withRecords = [] }: QuarterPlan = {}) {
  return ([1, 2, 3, 4] as const).map(
    (quarter): QuarterSubmission => ({
      quarter,
      status: missing.includes(quarter) ? 'missing' : late.includes(quarter) ? 'late' : 'onTime',
      zero: !missing.includes(quarter) && !withRecords.includes(quarter),
    }),
  );
}

function unit(
  code: string,
  name: string,
  records = 0,
  persons = 0,
  plan: QuarterPlan = {},
): ReportingUnitYear {
  return { code, name, quarters: quarters(plan), records, persons };
}

/**
 * 开封市统计局 and the nine county (district) bureaus of the preset. 2020 in numbers:
 * 40 quarters due, 35 on time, 4 late, 1 missing (87.5%); 12 records, 10 persons.
 */
function kaifengUnits(): ReportingUnitYear[] {
  return [
    unit('410200', '开封市统计局', 1, 1, { withRecords: [3] }),
    unit('410202', '龙亭区统计局'),
    unit('410203', '顺河回族区统计局'),
    unit('410204', '鼓楼区统计局', 0, 0, { late: [1] }),
    unit('410205', '禹王台区统计局'),
    unit('410212', '祥符区统计局', 2, 1, { withRecords: [2] }),
    unit('410221', '杞县统计局', 4, 3, { withRecords: [1, 2, 4] }),
    unit('410222', '通许县统计局', 0, 0, { missing: [3] }),
    unit('410223', '尉氏县统计局', 3, 3, { late: [2], withRecords: [2, 3] }),
    unit('410225', '兰考县统计局', 2, 2, { late: [2, 4], withRecords: [4] }),
  ];
}

type RegionCounts = Omit<Summary, 'zero'>;

const region2020: RegionCounts = {
  persons: { county: 3, township: 4, other: 3, total: 10 },
  forms: { oral: 4, phone: 3, qq: 0, wechat: 3, email: 0, other: 2, total: 12 },
  situations: {
    '2017-1': 0,
    '2017-2': 5,
    '2017-3': 3,
    '2017-4': 0,
    '2017-5': 1,
    '2017-6': 3,
    '2017-7': 0,
    total: 12,
  },
  records: 12,
};

function regionalSummary(
  counts: RegionCounts = region2020,
  situations: readonly SituationDefinition[] = situations2017,
): SummaryDocument {
  const summary: Summary = { ...counts, zero: counts.records === 0 };

  return {
    filler: { code: '410200', name: '开封市统计局' },
    period: { label: '2020', text: '2020年度' },
    ...summaryBlocks({
      summary,
      levels: ['county', 'township', 'other'],
      situations,
    }),
    records: counts.records,
    zero: counts.records === 0,
    signatures: [
      { role: 'principal', title: '主要负责人', name: null, at: null },
      { role: 'ruleOfLawLeader', title: '分管统计法治负责人', name: null, at: null },
      { role: 'filler', title: '填报人', name: null, at: null },
    ],
    seal: null,
    checkpoint: null,
    units: 10,
    reportVersion: null,
  };
}

function buildAnnualReport(overrides: Partial<AnnualReport> = {}): AnnualReport {
  return {
    year: 2020,
    city: { code: '410200', name: '开封市统计局' },
    addressees: DEFAULT_ADDRESSEES,
    units: kaifengUnits(),
    referrals: [],
    regionalSummary: regionalSummary(),
    // 2021-01-25 01:00 in Beijing: the date line must read 25, not the UTC 24th.
    generatedAt: '2021-01-24T17:00:00.000Z',
    ...overrides,
  };
}

const referrals: AnnualReport['referrals'] = [
  {
    number: '汴统移〔2020〕1号',
    date: '2020-08-14',
    target: '杞县县委、县政府',
    records: 2,
    feedback: '已约谈提醒',
  },
  {
    number: '汴统移〔2020〕2号',
    date: '2020-11-03',
    target: '尉氏县县委、县政府',
    records: 1,
    feedback: null,
  },
];

// ——— reading the package ———

interface Package {
  files: Map<string, string>;
  paragraphs: string[];
  tables: string[][][];
  document: string;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => unescapeXml(m[1]!))
    .join('');
}

function elements(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>[\\s\\S]*?</${tag}>`, 'g'))].map(
    (m) => m[0],
  );
}

/** Cell texts row by row; the document has no nested tables, so a lazy match is exact. */
function tablesOf(xml: string): string[][][] {
  return elements(xml, 'w:tbl').map((tbl) =>
    elements(tbl, 'w:tr').map((tr) => elements(tr, 'w:tc').map(textOf)),
  );
}

async function open(docx: Buffer): Promise<Package> {
  const zip = await JSZip.loadAsync(docx);
  const files = new Map<string, string>();
  for (const name of Object.keys(zip.files)) {
    const file = zip.file(name);
    if (file) files.set(name, await file.async('string'));
  }
  const document = files.get('word/document.xml') ?? '';
  const withoutTables = document.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');

  return {
    files,
    document,
    paragraphs: elements(withoutTables, 'w:p').map(textOf),
    tables: tablesOf(document),
  };
}

/**
 * A well-formedness check without an XML library: every tag closes in order, attributes are
 * quoted, and nothing but whitespace stands outside the root element. Returns the problem.
 */
function wellFormed(xml: string): string | null {
  const stack: string[] = [];
  const token =
    /<(\?[\s\S]*?\?|!--[\s\S]*?--|\/?)([\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
  let at = 0;
  let roots = 0;

  while (at < xml.length) {
    const next = xml.indexOf('<', at);
    const text = xml.slice(at, next === -1 ? xml.length : next);
    if (text.includes('>')) return `stray '>' at ${at}`;
    if (stack.length === 0 && text.trim() !== '') return `text outside the root at ${at}`;
    if (next === -1) break;

    token.lastIndex = next;
    const m = token.exec(xml);
    if (!m) return `bad markup at ${next}: ${xml.slice(next, next + 40)}`;
    const [, kind, name, , selfClosing] = m;
    if (kind === '/') {
      if (stack.pop() !== name) return `</${name}> closes the wrong element at ${next}`;
    } else if (kind === '' && selfClosing === '') {
      if (stack.length === 0) roots++;
      stack.push(name!);
    } else if (kind === '' && stack.length === 0) {
      roots++;
    }
    at = token.lastIndex;
  }

  if (stack.length > 0) return `unclosed <${stack.at(-1)}>`;

  return roots === 1 ? null : `${roots} root elements, want 1`;
}

function attributesOf(element: string): Map<string, string> {
  return new Map([...element.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

/** [Content_Types].xml: content types by part name (Override) and by extension (Default). */
function contentTypes(xml: string) {
  const entries = (tag: string, key: string) =>
    new Map(
      [...xml.matchAll(new RegExp(`<${tag}\\s[^>]*>`, 'g'))].map((m) => {
        const attributes = attributesOf(m[0]);
        return [attributes.get(key) ?? '', attributes.get('ContentType') ?? ''] as const;
      }),
    );

  return { overrides: entries('Override', 'PartName'), defaults: entries('Default', 'Extension') };
}

function tableWithHeader(pkg: Package, header: string[]): string[][] {
  const found = pkg.tables.find((t) => JSON.stringify(t[0]) === JSON.stringify(header));
  if (!found) throw new Error(`no table with header ${header.join(' | ')}`);

  return found;
}

async function render(overrides: Partial<AnnualReport> = {}) {
  return open(await renderAnnualReportDocx(buildAnnualReport(overrides)));
}

// ——— specifications ———

describe('annual report figures', () => {
  it('counts quarters due, submitted, on time, late, missing and zero reports', () => {
    expect(submissionTotals(kaifengUnits())).toEqual({
      units: 10,
      due: 40,
      submitted: 39,
      onTime: 35,
      late: 4,
      missing: 1,
      zero: 31,
    });
  });

  it.each([
    [0.875, '87.5%'],
    [1, '100%'],
    [2 / 3, '66.7%'],
    [0, '0%'],
    [0.9996, '100%'],
  ])('prints the share %s as %s', (share, text) => {
    expect(percentText(share)).toBe(text);
  });

  it('has no on-time rate when nothing was due', () => {
    expect(onTimeRate(submissionTotals([]))).toBeNull();
  });

  it('dates the report by the Beijing calendar', () => {
    expect(chineseDate('2021-01-24T17:00:00.000Z')).toBe('2021年1月25日');
    expect(chineseDate('2021-01-24T15:59:59.000Z')).toBe('2021年1月24日');
  });
});

describe('annual report as .docx', () => {
  let docx: Buffer;
  let pkg: Package;

  beforeAll(async () => {
    docx = await renderAnnualReportDocx(buildAnnualReport());
    pkg = await open(docx);
    mkdirSync(ARTEFACTS, { recursive: true });
    writeFileSync(join(ARTEFACTS, 'annual-report.docx'), docx);
  });

  it('is an OOXML package whose parts are declared and well-formed', () => {
    const types = contentTypes(pkg.files.get('[Content_Types].xml') ?? '');
    const rels = pkg.files.get('_rels/.rels') ?? '';
    const documentRels = pkg.files.get('word/_rels/document.xml.rels') ?? '';
    const parts = [...pkg.files.keys()].filter((n) => n !== '[Content_Types].xml');
    const footers = parts.filter((n) => /^word\/footer\d+\.xml$/.test(n));

    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(types.overrides.get('/word/document.xml')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    );
    expect(rels).toContain('Target="word/document.xml"');
    for (const part of parts) {
      const extension = part.slice(part.lastIndexOf('.') + 1);
      expect([part, types.overrides.has(`/${part}`) || types.defaults.has(extension)]).toEqual([
        part,
        true,
      ]);
    }
    expect(footers).toHaveLength(2);
    for (const footer of footers) {
      expect(types.overrides.get(`/${footer}`)).toMatch(/wordprocessingml\.footer\+xml$/);
      expect(documentRels).toContain(`Target="${footer.replace('word/', '')}"`);
    }
    for (const [name, xml] of pkg.files) {
      if (/\.(xml|rels)$/.test(name)) expect([name, wellFormed(xml)]).toEqual([name, null]);
    }
  });

  it('the well-formedness check itself rejects broken XML', () => {
    expect(wellFormed('<a><b/></a>')).toBeNull();
    expect(wellFormed('<a><b></a></b>')).toMatch(/wrong element/);
    expect(wellFormed('<a x=1/>')).toMatch(/bad markup/);
    expect(wellFormed('<a/><b/>')).toMatch(/2 root elements/);
    expect(wellFormed('<a>')).toMatch(/unclosed/);
  });

  it('is A4 portrait with the GB/T 9704 margins and the Chinese fonts with their fallbacks', () => {
    const fontTable = pkg.files.get('word/fontTable.xml') ?? '';

    expect(pkg.document).toMatch(/<w:pgSz w:w="11906" w:h="16838"(?! w:orient="landscape")/);
    expect(pkg.document).toContain('w:top="2098"');
    expect(pkg.document).toContain('w:left="1587"');
    expect(pkg.document).toContain('w:eastAsia="方正小标宋简体"');
    expect(pkg.document).toContain('w:eastAsia="仿宋_GB2312"');
    expect(pkg.document).toContain('w:eastAsia="黑体"');
    expect(fontTable).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋,FangSong');
    expect(fontTable).toContain('<w:font w:name="黑体"><w:altName w:val="SimHei');
    expect(fontTable).toContain('<w:charset w:val="86"/>');
  });

  it('opens with the title, the addressees and the reason for the report', () => {
    expect(pkg.paragraphs[0]).toBe(
      '开封市统计局关于2020年度领导干部违规干预统计工作记录情况的报告',
    );
    expect(pkg.paragraphs).toContain('市委、市政府、省统计局：');
    expect(pkg.paragraphs.some((p) => p.startsWith('根据') && p.includes('2020年度全市'))).toBe(
      true,
    );
  });

  it('has the four sections in order, then the closing, the signature and the attachment', () => {
    const order = [
      '一、制度执行情况',
      '二、记录情况',
      '三、移送情况',
      '四、存在的问题和下一步工作',
      '（一）存在的问题',
      '（二）下一步工作',
      '特此报告。',
      '附件：2020年度领导干部违规干预统计工作汇总表',
      '开封市统计局',
      '2021年1月25日',
      '附件',
      '领导干部违规干预统计工作汇总表',
    ];
    const positions = order.map((text) => pkg.paragraphs.indexOf(text));

    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('states the year of reporting in figures that match the submission table', () => {
    const sentence = pkg.paragraphs.find((p) => p.startsWith('2020年，全市'));
    const table = tableWithHeader(pkg, [
      '序号',
      '单位',
      '应报',
      '按时报送',
      '逾期报送',
      '未报送',
      '零报告',
      '按时报送率',
    ]);

    expect(sentence).toBe(
      '2020年，全市10个报送单位（开封市统计局和9个县（区）统计局）按季度报送本单位《汇总表》和《记录台账》，' +
        '应报40份，实际报送39份，其中按时报送35份、逾期报送4份，未报送1份；报送的39份中零报告31份。' +
        '按时报送率为87.5%。',
    );
    expect(pkg.paragraphs).toContain(
      '逾期报送的有：鼓楼区统计局第一季度、尉氏县统计局第二季度、兰考县统计局第二、四季度。',
    );
    expect(pkg.paragraphs).toContain('未报送的有：通许县统计局第三季度。');
    expect(table).toHaveLength(12);
    expect(table[4]).toEqual(['4', '鼓楼区统计局', '4', '3', '1', '0', '4', '75%']);
    expect(table[7]).toEqual(['7', '杞县统计局', '4', '4', '0', '0', '1', '100%']);
    expect(table[8]).toEqual(['8', '通许县统计局', '4', '3', '0', '1', '3', '75%']);
    expect(table[10]).toEqual(['10', '兰考县统计局', '4', '2', '2', '0', '3', '50%']);
    expect(table[11]).toEqual(['合计', '', '40', '35', '4', '1', '31', '87.5%']);
  });

  it('lists every unit with its records and persons, totalled as the regional summary', () => {
    const table = tableWithHeader(pkg, ['序号', '单位', '记录次数', '干预人数', '占比']);
    const expected = kaifengUnits().map((u, i) => [
      String(i + 1),
      u.name,
      String(u.records),
      String(u.persons),
    ]);

    expect(table.slice(1, -1).map((row) => row.slice(0, 4))).toEqual(expected);
    expect(table[7]).toEqual(['7', '杞县统计局', '4', '3', '33.3%']);
    expect(table.at(-1)).toEqual(['合计', '', '12', '10', '100%']);
    expect(pkg.paragraphs.some((p) => p.startsWith('注：同一干预人'))).toBe(false);
  });

  it('describes the records by level, form and situation as the tables count them', () => {
    expect(pkg.paragraphs).toContain(
      '2020年全市共记录领导干部违规干预统计工作12次，涉及干预人员10人。' +
        '按干预人员级别分，县处级3人、乡科级4人、其他3人；' +
        '按干预形式分，口头干预4次、电话干预3次、微信干预3次、其他形式干预2次；' +
        '按干预类型分，属(二)项的5次、属(三)项的3次、属(五)项的1次、属(六)项的3次。',
    );
    expect(pkg.paragraphs).toContain(
      '分单位看，开封市统计局1次、祥符区统计局2次、杞县统计局4次、尉氏县统计局3次、兰考县统计局2次，其余单位本年度未记录。',
    );
    expect(tableWithHeader(pkg, ['级别', '人数', '占比'])).toEqual([
      ['级别', '人数', '占比'],
      ['县处级', '3', '30%'],
      ['乡科级', '4', '40%'],
      ['其他', '3', '30%'],
      ['合计', '10', '100%'],
    ]);
    expect(tableWithHeader(pkg, ['形式', '次数', '占比'])).toEqual([
      ['形式', '次数', '占比'],
      ['口头干预', '4', '33.3%'],
      ['电话干预', '3', '25%'],
      ['QQ 干预', '0', '0%'],
      ['微信干预', '3', '25%'],
      ['Email 干预', '0', '0%'],
      ['其他形式干预', '2', '16.7%'],
      ['合计', '12', '100%'],
    ]);
    const situations = tableWithHeader(pkg, ['类型', '次数', '占比']);
    expect(situations).toHaveLength(9);
    expect(situations[2]).toEqual([`(二)${situations2017[1]!.text}`, '5', '41.7%']);
    expect(situations.at(-1)).toEqual(['合计', '12', '100%']);
  });

  it('says that no case was referred when there were no referrals', () => {
    expect(pkg.paragraphs).toContain('本年度未移送案件。');
    expect(pkg.tables.some((t) => t[0]?.includes('移送文号'))).toBe(false);
  });

  it('leaves highlighted bracketed paragraphs for the author to write', () => {
    const placeholders = elements(pkg.document, 'w:p').filter((p) =>
      textOf(p).startsWith('（请在此'),
    );

    expect(placeholders.map(textOf)).toEqual([
      '（请在此概述本年度组织落实、宣传培训和监督检查等情况……）',
      '（请在此填写本年度制度执行中存在的问题，如报送不及时、记录不规范、零报告核实不够等……）',
      '（请在此填写下一年度的工作安排，如加强培训、开展监督检查、严格责任追究等……）',
    ]);
    for (const p of placeholders) expect(p).toContain('<w:highlight w:val="yellow"/>');
  });

  it('attaches the regional summary in the layout of 附件2', () => {
    const summary = pkg.tables.at(-1)!;
    const header = pkg.paragraphs.slice(pkg.paragraphs.lastIndexOf('附件'));

    expect(header.slice(0, 4)).toEqual([
      '附件',
      '领导干部违规干预统计工作汇总表',
      '2020年度',
      '填报单位（公章）：开封市统计局',
    ]);
    expect(summary.slice(0, 10)).toEqual([
      ['干预人员', '干预形式'],
      ['级别', '人数', '形式', '次数'],
      ['县处级', '3', '口头干预', '4'],
      ['乡科级', '4', '电话干预', '3'],
      ['其他', '3', 'QQ 干预', '0'],
      ['', '', '微信干预', '3'],
      ['', '', 'Email 干预', '0'],
      ['', '', '其他形式干预', '2'],
      ['合计', '10', '合计', '12'],
      ['干预类型'],
    ]);
    expect(summary[10]).toEqual(['类型', '次数']);
    expect(summary.slice(11, 18).map((row) => row[0])).toEqual(
      situations2017.map((s) => `${s.label}${s.text}`),
    );
    expect(summary.slice(11, 18).map((row) => row[1])).toEqual(['0', '5', '3', '0', '1', '3', '0']);
    expect(summary[18]).toEqual(['合计', '12']);
    expect(pkg.paragraphs).toContain('注：本表汇总10个单位的季度汇总表。');
    expect(pkg.paragraphs.at(-1)).toMatch(/^主要负责人：\s*分管统计法治负责人：\s*填报人：/);
  });

  it('spans the block headings across the four columns of the attachment table', () => {
    const last = elements(pkg.document, 'w:tbl').at(-1)!;
    const rows = elements(last, 'w:tr');

    expect(last.match(/<w:gridCol\b/g)).toHaveLength(4);
    expect(rows[0]!.match(/<w:gridSpan w:val="2"\/>/g)).toHaveLength(2);
    expect(rows[9]).toContain('<w:gridSpan w:val="4"/>');
    expect(rows[11]).toContain('<w:gridSpan w:val="3"/>');
  });

  it('numbers the pages 「— 1 —」 on the outer side of odd and even pages', () => {
    const footers = [...pkg.files].filter(([n]) => /^word\/footer\d+\.xml$/.test(n));
    const settings = pkg.files.get('word/settings.xml') ?? '';

    expect(settings).toContain('<w:evenAndOddHeaders/>');
    for (const [, xml] of footers) {
      expect(xml).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
      expect(textOf(xml)).toBe('—  —');
    }
    expect(footers.map(([, xml]) => /<w:jc w:val="(right|left)"\/>/.exec(xml)?.[1]).sort()).toEqual(
      ['left', 'right'],
    );
  });
});

describe('annual report variants', () => {
  it('tabulates referrals and their feedback when there are some', async () => {
    const pkg = await render({ referrals });
    const table = tableWithHeader(pkg, [
      '序号',
      '移送文号',
      '移送日期',
      '移送对象',
      '涉及记录',
      '反馈情况',
    ]);

    expect(pkg.paragraphs).not.toContain('本年度未移送案件。');
    expect(pkg.paragraphs).toContain(
      '按照干部管理权限，本年度共移送案件2件，涉及记录3次；已收到反馈1件，尚未反馈1件。',
    );
    expect(table.slice(1)).toEqual([
      ['1', '汴统移〔2020〕1号', '2020年8月14日', '杞县县委、县政府', '2', '已约谈提醒'],
      ['2', '汴统移〔2020〕2号', '2020年11月3日', '尉氏县县委、县政府', '1', '尚未反馈'],
    ]);
  });

  it('reports a year without records as all zero reports', async () => {
    const zero = {
      persons: { county: 0, township: 0, other: 0, total: 0 },
      forms: { oral: 0, phone: 0, qq: 0, wechat: 0, email: 0, other: 0, total: 0 },
      situations: { total: 0 },
      records: 0,
    };
    const units = kaifengUnits().map((u) => ({
      ...u,
      records: 0,
      persons: 0,
      quarters: quarters(),
    }));
    const pkg = await render({ units, regionalSummary: regionalSummary(zero) });

    expect(pkg.paragraphs).toContain(
      '2020年全市未记录领导干部违规干预统计工作的情况，各单位均为零报告。',
    );
    expect(pkg.paragraphs).toContain('各单位均按时报送，无逾期、漏报情况。');
    expect(pkg.paragraphs.some((p) => p.includes('按时报送率为100%'))).toBe(true);
    expect(tableWithHeader(pkg, ['序号', '单位', '记录次数', '干预人数', '占比']).at(-1)).toEqual([
      '合计',
      '',
      '0',
      '0',
      '—',
    ]);
  });

  it('explains a regional person count below the units’ sum', async () => {
    const counts = { ...region2020, persons: { county: 3, township: 3, other: 3, total: 9 } };
    const pkg = await render({ regionalSummary: regionalSummary(counts) });

    expect(pkg.paragraphs).toContain(
      '注：同一干预人在多个单位被记录的，合计按一人计算，故合计人数9人少于各单位人数之和10人。',
    );
    expect(tableWithHeader(pkg, ['序号', '单位', '记录次数', '干预人数', '占比']).at(-1)).toEqual([
      '合计',
      '',
      '12',
      '9',
      '100%',
    ]);
  });

  it('names the situations of the 2023 rules by their arabic numbers', async () => {
    const situations2023 = ruleVersions[1]!.situations;
    const counts = {
      ...region2020,
      situations: { '2023-1': 0, '2023-2': 8, '2023-3': 3, '2023-4': 1, total: 12 },
    };
    const pkg = await render({ regionalSummary: regionalSummary(counts, situations2023) });

    expect(
      pkg.paragraphs.some((p) =>
        p.endsWith('按干预类型分，属第2项的8次、属第3项的3次、属第4项的1次。'),
      ),
    ).toBe(true);
    expect(
      pkg.tables
        .at(-1)!
        .slice(11, 15)
        .map((row) => row[1]),
    ).toEqual(['0', '8', '3', '1']);
  });

  it('writes other addressees when the bureau reports to more bodies', async () => {
    const pkg = await render({ addressees: ['市委', '市政府', '省统计局', '市纪委监委'] });

    expect(pkg.paragraphs).toContain('市委、市政府、省统计局、市纪委监委：');
  });

  it.each([
    [
      'units that do not add up to the regional records',
      { units: kaifengUnits().slice(1) },
      /records add up to 11, want 12/,
    ],
    [
      'a summary block that does not balance',
      {
        regionalSummary: regionalSummary({
          ...region2020,
          forms: { ...region2020.forms, oral: 5 },
        }),
      },
      /干预形式 rows add up to 13/,
    ],
    [
      'more persons in the region than in its units',
      {
        regionalSummary: regionalSummary({
          ...region2020,
          persons: { county: 4, township: 4, other: 3, total: 11 },
        }),
      },
      /11 persons in the region, want at most 10/,
    ],
  ] as const)('refuses %s', async (_, overrides, message) => {
    await expect(renderAnnualReportDocx(buildAnnualReport(overrides))).rejects.toThrow(message);
  });
});
