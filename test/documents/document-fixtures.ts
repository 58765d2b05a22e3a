/**
 * Ledger and summary documents built from plain data, for the renderers' tests: one record of
 * each form, a long content text that must wrap, evidence of several kinds, a signed and
 * sealed summary with a checkpoint. `buildLedger(n)` makes a ledger of n generated records.
 */
import { PNG } from 'pngjs';
import type { DetailKey, LedgerDocument, LedgerRow } from '../../src/documents/ledger-document.js';
import { type SummaryDocument, summaryBlocks } from '../../src/documents/summary-document.js';
import { ruleVersions } from '../../src/rules/rule-versions.js';

const situations2017 = ruleVersions[0]!.situations;

const noDetails: Record<DetailKey, string> = {
  witnesses: '',
  place: '',
  senderUnit: '',
  phone: '',
  qq: '',
  wechat: '',
  email: '',
  otherSource: '',
};

export const sampleRows: LedgerRow[] = [
  {
    seq: 1,
    recordId: '00000000-0000-4000-8000-000000000001',
    interferer: '张某某',
    post: '某县人民政府副县长',
    level: '县处级',
    situation: '(二)',
    content:
      '统计指标：地区生产总值（2020年一季度）、规模以上工业增加值（2020年一季度）\n具体表述：“一季度增速要达到全市平均水平，你们再核一核，往上调一调。”',
    occurredAt: '2020年5月12日15时',
    form: 'oral',
    details: {
      ...noDetails,
      witnesses: '李某（统计股股长）（已电子签名）',
      place: '县政府三楼会议室',
    },
    recorder: '王某（已电子签名）',
  },
  {
    seq: 2,
    recordId: '00000000-0000-4000-8000-000000000002',
    interferer: '赵某',
    post: '某镇党委书记',
    level: '乡科级',
    situation: '(三)',
    content: '情况描述：来函要求暂缓上报第二季度农业产值数据。',
    occurredAt: '2020年6月2日',
    form: 'letter',
    details: { ...noDetails, senderUnit: '某镇人民政府' },
    recorder: '王某（已电子签名）',
  },
  {
    seq: 3,
    recordId: '00000000-0000-4000-8000-000000000003',
    interferer: '钱某',
    post: '某局办公室主任',
    level: '其他',
    situation: '(六)',
    content: '具体表述：“把数再报高一点。”\n信息存储介质：微信聊天记录截屏，存于记录人手机',
    occurredAt: '2020年6月20日9时',
    form: 'message',
    details: { ...noDetails, wechat: 'qian_mou_2020', phone: '13800000000' },
    recorder: '王某（已电子签名）',
  },
];

export function sampleLedger(overrides: Partial<LedgerDocument> = {}): LedgerDocument {
  return {
    unit: { code: '410221', name: '杞县统计局' },
    office: '杞县统计局法规股',
    period: { label: '2020Q2', text: '2020年度第二季度' },
    situations: situations2017,
    rows: sampleRows,
    evidence: [
      {
        seq: 3,
        name: '微信截屏.png',
        kind: 'PNG 图片',
        mediaType: 'image/png',
        size: 52_113,
        sm3: 'a'.repeat(64),
      },
      {
        seq: 2,
        name: '来函.pdf',
        kind: 'PDF 文件',
        mediaType: 'application/pdf',
        size: 210_400,
        sm3: 'b'.repeat(64),
      },
    ],
    reportVersion: 1,
    ...overrides,
  };
}

/** A ledger of `count` records cycling through the three sample rows. */
export function buildLedger(count: number): LedgerDocument {
  const rows = Array.from({ length: count }, (_, i) => {
    const base = sampleRows[i % sampleRows.length]!;
    return {
      ...base,
      seq: i + 1,
      recordId: `record-${i + 1}`,
      interferer: `${base.interferer}${i + 1}`,
    };
  });

  return sampleLedger({ rows, evidence: [] });
}

const summary = {
  persons: { county: 1, township: 1, other: 1, total: 3 },
  forms: { oral: 1, phone: 0, qq: 0, wechat: 1, email: 0, other: 1, total: 3 },
  situations: {
    '2017-1': 0,
    '2017-2': 1,
    '2017-3': 1,
    '2017-4': 0,
    '2017-5': 0,
    '2017-6': 1,
    '2017-7': 0,
    total: 3,
  },
  records: 3,
  zero: false,
};

export function sampleSummary(overrides: Partial<SummaryDocument> = {}): SummaryDocument {
  return {
    filler: { code: '410221', name: '杞县统计局' },
    period: { label: '2020Q2', text: '2020年度第二季度' },
    ...summaryBlocks({
      summary,
      levels: ['county', 'township', 'other'],
      situations: situations2017,
    }),
    records: 3,
    zero: false,
    signatures: [
      { role: 'principal', title: '主要负责人', name: '孙某', at: '2020-07-02T02:10:00.000Z' },
      {
        role: 'ruleOfLawLeader',
        title: '分管统计法治负责人',
        name: '周某',
        at: '2020-07-02T01:30:00.000Z',
      },
      { role: 'filler', title: '填报人', name: '吴某', at: '2020-07-01T08:00:00.000Z' },
    ],
    seal: { bytes: sealPng(), mediaType: 'image/png' },
    checkpoint:
      'liuhen.local/unit/410221\n12\nq83vEjR8PwWRXW6yBvWlq8Q4yLhNkBlp6V7bYqH0Q0o=\n\n— liuhen.local Az3n9Q2kPZ0xJ0v1c3o3m6kz9y5p0m0x9a4b8c2d1e0f\n',
    reportVersion: 1,
    ...overrides,
  };
}

/** A 120×120 red ring on transparent ground, standing in for a scanned seal. */
export function sealPng(): Uint8Array {
  const size = 120;
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const r = Math.hypot(x - size / 2, y - size / 2);
      const i = (y * size + x) * 4;
      const ink = r > 50 && r < 58;
      png.data[i] = 220;
      png.data[i + 1] = 20;
      png.data[i + 2] = 20;
      png.data[i + 3] = ink ? 255 : 0;
    }
  }

  return PNG.sync.write(png);
}
