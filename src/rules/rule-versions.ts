/**
 * The rule versions shipped as data (domain README §2). A deployment runs one version per
 * period from its effective date; old records keep the version they were made under, and
 * analysis across versions goes through an editable mapping.
 */

export interface SituationDefinition {
  /** `2017-6`: rule version and item number. */
  id: string;
  item: number;
  /** How the form numbers it: (一)…(七) for 2017, 1…4 for 2023. */
  label: string;
  text: string;
}

export interface RuleVersionDefinition {
  id: string;
  name: string;
  /** Default effective date, Beijing calendar date. */
  effectiveFrom: string;
  situations: SituationDefinition[];
}

const numerals = ['一', '二', '三', '四', '五', '六', '七'];

function situations(version: string, texts: string[], style: 'chinese' | 'arabic') {
  return texts.map((text, i) => ({
    id: `${version}-${i + 1}`,
    item: i + 1,
    label: style === 'chinese' ? `(${numerals[i]})` : `${i + 1}.`,
    text,
  }));
}

/** Texts of 附件1 of the notice, which quotes the 2017 NBS measures word for word. */
const rules2017 = situations(
  '2017',
  [
    '自行修改统计机构、统计人员依法搜集、整理的统计资料',
    '指使、授意统计机构、统计人员或者其他机构、人员伪造、篡改统计资料，编造虚假统计数据',
    '干扰、限制、阻碍依法开展统计工作，通过下发文件、会议布置等方式非法干预统计活动',
    '指使、授意统计调查对象提供不真实统计资料',
    '在统计违法线索核查、立案、调查、处理和对责任人追究责任时，为案件当事单位和人员请托说情，妨碍、阻止对统计违法案件的查处',
    '到上级统计机构“跑数要数”',
    '其他违规干预统计活动、妨碍独立行使统计职权、插手统计违法案件处理的行为',
  ],
  'chinese',
);

/** The four situations of the NBS rules of 27 October 2023, as the domain reference states them. */
const rules2023 = situations(
  '2023',
  [
    '自行修改统计人员依法搜集、整理的统计资料',
    '强令、授意或者暗示任何人提供不真实的统计资料，篡改统计资料，编造虚假统计数据',
    '以任何方式干扰、限制、阻碍统计工作，包括在统计督察、执法检查和违法案件查处中打探情况、说情打招呼',
    '其他妨碍独立开展统计工作的干预行为',
  ],
  'arabic',
);

export const ruleVersions: RuleVersionDefinition[] = [
  {
    id: '2017',
    name: '关于建立领导干部违规干预统计工作记录制度的办法（2017）',
    effectiveFrom: '2017-10-01',
    situations: rules2017,
  },
  {
    id: '2023',
    name: '领导干部干预统计工作记录报告制度（2023）',
    effectiveFrom: '2023-10-27',
    situations: rules2023,
  },
];

/** Default 2017 → 2023 mapping of the domain reference: 一→1, 二→2, 三→3, 四→2, 五→3, 六→4, 七→4. */
export const defaultSituationMapping: Array<{ from: string; to: string }> = [
  ['2017-1', '2023-1'],
  ['2017-2', '2023-2'],
  ['2017-3', '2023-3'],
  ['2017-4', '2023-2'],
  ['2017-5', '2023-3'],
  ['2017-6', '2023-4'],
  ['2017-7', '2023-4'],
].map(([from, to]) => ({ from: from!, to: to! }));
