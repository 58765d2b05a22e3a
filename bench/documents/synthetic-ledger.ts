/**
 * A ledger document of many records for the documents benchmark, the same for every run: the
 * three forms in turn, names and posts numbered, a content text of a few lines.
 */
import type { DetailKey, LedgerDocument, LedgerRow } from '../../src/documents/ledger-document.js';
import { ruleVersions } from '../../src/rules/rule-versions.js';

const blank: Record<DetailKey, string> = {
  witnesses: '',
  place: '',
  senderUnit: '',
  phone: '',
  qq: '',
  wechat: '',
  email: '',
  otherSource: '',
};

const shapes: Array<Pick<LedgerRow, 'form' | 'level' | 'situation' | 'details'>> = [
  {
    form: 'oral',
    level: '县处级',
    situation: '(二)',
    details: { ...blank, witnesses: '李某（统计股股长）（已电子签名）', place: '县政府三楼会议室' },
  },
  {
    form: 'letter',
    level: '乡科级',
    situation: '(三)',
    details: { ...blank, senderUnit: '某镇人民政府' },
  },
  {
    form: 'message',
    level: '其他',
    situation: '(六)',
    details: { ...blank, phone: '13800000000', wechat: 'wx_2020_user' },
  },
];

export function syntheticLedger(count: number): LedgerDocument {
  const rows = Array.from({ length: count }, (_, i): LedgerRow => {
    const shape = shapes[i % shapes.length]!;
    return {
      ...shape,
      seq: i + 1,
      recordId: `record-${i + 1}`,
      interferer: `张某${i + 1}`,
      post: `某县人民政府第${(i % 9) + 1}办公室副主任`,
      content: `统计指标：地区生产总值（2020年二季度）、规模以上工业增加值（2020年二季度）\n具体表述：“第${i + 1}号要求，增速再调高两个百分点，与全市平均水平持平。”`,
      occurredAt: `2020年${4 + (i % 3)}月${(i % 28) + 1}日${8 + (i % 10)}时`,
      recorder: '王某（已电子签名）',
    };
  });

  return {
    unit: { code: '410221', name: '杞县统计局' },
    office: '杞县统计局法规股',
    period: { label: '2020Q2', text: '2020年度第二季度' },
    situations: ruleVersions[0]!.situations,
    rows,
    evidence: [],
    reportVersion: 1,
  };
}
