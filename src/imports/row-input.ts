/**
 * A row read from a sheet, as the body of a new record (the fixed JSON shape of the records
 * API), so that it is validated by exactly the rules the API applies. Labels (县处级, 口头干预,
 * 微信, (三)) become their ids here; what cannot be read becomes a problem at its cell.
 */
import type { Channel, Form, Level, RecordInput } from '../records/record-schema.js';
import { type Rules, versionInForce } from '../rules/rules.js';
import { labelKey, normalized, type Read } from './cell-values.js';
import { contentOf, indicatorsOf, listOf, recorderName, witnessesOf } from './ledger-text.js';
import type { CellProblem, FieldKey, SourceRow } from './source-row.js';
import { CHANNEL_CHOICES, FORM_CHOICES, LEVEL_CHOICES } from './template-columns.js';

/** What the importing user chose for a row whose sheet gives no level or situation. */
export interface RowChoice {
  level?: Level;
  situation?: string;
}

export interface RowInput {
  body: Record<string, unknown>;
  /** The paper's 记录人, kept with the imported record. */
  recorder: string;
  problems: CellProblem[];
  /** The Liuhen columns this row leaves empty, for the user to choose before importing. */
  missing: Array<'level' | 'situation'>;
}

const LEVELS: Record<string, Level> = Object.fromEntries(
  LEVEL_CHOICES.map((label, i) => [
    label,
    (['county', 'township', 'other', 'prefecture', 'province'] as const)[i]!,
  ]),
);
const FORMS: Record<string, Form> = {
  ...Object.fromEntries(
    FORM_CHOICES.map((label, i) => [label, (['oral', 'letter', 'message'] as const)[i]!]),
  ),
  口头: 'oral',
  来文: 'letter',
  来函: 'letter',
  通讯: 'message',
  oral: 'oral',
  letter: 'letter',
  message: 'message',
};
const CHANNELS: Record<string, Channel> = {
  ...Object.fromEntries(
    CHANNEL_CHOICES.map((label, i) => [
      label.toLowerCase(),
      (['phone', 'qq', 'wechat', 'email', 'other'] as const)[i]!,
    ]),
  ),
  短信: 'phone',
  'e-mail': 'email',
  邮件: 'email',
  电子邮件: 'email',
};
const IDENTIFIERS: ReadonlyArray<[Channel, FieldKey]> = [
  ['phone', 'phone'],
  ['qq', 'qq'],
  ['wechat', 'wechat'],
  ['email', 'email'],
  ['other', 'otherSource'],
];

export function rowInput(
  source: SourceRow,
  unit: string,
  rules: Rules,
  choice: RowChoice = {},
): RowInput {
  const problems = [...source.problems];
  const v = source.values;
  const at = (key: FieldKey) => source.places[key] ?? { cell: null, column: key };
  const read = <T>(key: FieldKey, result: Read<T>): T | undefined => {
    if (result.ok) return result.value;
    problems.push({ ...at(key), message: result.message });
    return undefined;
  };

  const form =
    v.form === undefined
      ? undefined
      : read('form', lookup(FORMS, v.form, '干预形式须是口头干预、来文来函或通讯信息'));
  const level =
    choice.level ??
    (v.level === undefined
      ? undefined
      : read('level', lookup(LEVELS, v.level, '级别须是县处级、乡科级或其他')));
  const situation =
    choice.situation ??
    (v.situation === undefined
      ? undefined
      : read('situation', situationId(v.situation, v.occurredAt, rules)));
  const body: Record<string, unknown> = {
    unit,
    office: v.office ?? '',
    occurredAt: v.occurredAt ?? '',
    form,
    channel: form === 'message' ? read('channel', channelOf(v)) : v.channel,
    interferer: { name: v.interferer ?? '', post: v.post ?? '', level },
    situation,
    content: read(v.content !== undefined ? 'content' : 'indicators', contentOfRow(v)) ?? {},
    details: read('witnesses', detailsOf(v)) ?? {},
    ...(v.obstacleRemovedOn || v.supplementaryReason
      ? {
          supplementary: {
            obstacleRemovedOn: v.obstacleRemovedOn ?? '',
            reason: v.supplementaryReason ?? '',
          },
        }
      : {}),
    ...(v.noEvidenceReason ? { noEvidenceReason: v.noEvidenceReason } : {}),
  };
  if (!v.recorder)
    problems.push({ ...at('recorder'), message: '请填写记录人（纸质台账上签字的记录人）' });

  const missing = (['level', 'situation'] as const).filter(
    (key) => (key === 'level' ? level : situation) === undefined && v[key] === undefined,
  );
  return {
    body: withoutUndefined(body),
    recorder: recorderName(v.recorder ?? ''),
    problems,
    missing,
  };
}

function lookup<T>(table: Record<string, T>, text: string, message: string): Read<T> {
  const key = labelKey(text);
  const value = table[key] ?? table[key.toLowerCase()];

  return value === undefined
    ? { ok: false, message: `${message}，“${text}”无法识别` }
    : { ok: true, value };
}

/** 通讯方式 as written, or the one identifier a message row fills in (a ledger has no column). */
function channelOf(v: SourceRow['values']): Read<Channel | undefined> {
  if (v.channel !== undefined)
    return lookup(CHANNELS, v.channel, '通讯方式须是电话、QQ、微信、Email 或其他');

  const filled = IDENTIFIERS.filter(([, key]) => v[key] !== undefined);
  if (filled.length <= 1) return { ok: true, value: filled[0]?.[0] };

  return {
    ok: false,
    message:
      '通讯信息填写了不止一种联系方式（电话号码、QQ 号码、微信号、Email 地址、其他来源），无法确定通讯方式：请只保留干预所用的一种，或使用导入模板的“通讯方式”列写明',
  };
}

/**
 * 干预情形 as a rule version prints it: (三) is 2017's third, 3. is 2023's third; a bare number
 * or numeral belongs to the version in force on the interference date; 2017-3 is the id.
 */
export function situationId(
  text: string,
  occurredAt: string | undefined,
  rules: Rules,
): Read<string> {
  const key = labelKey(text);
  if (/^\d{4}-\d{1,2}$/.test(key)) return { ok: true, value: key };
  for (const version of rules.versions) {
    const match = version.situations.find((s) => labelKey(s.label) === key);
    if (match) return { ok: true, value: match.id };
  }

  const item = itemNumber(key.replace(/^[(（]|[)）.、]$/g, ''));
  const version = occurredAt ? versionInForce(rules, occurredAt.slice(0, 10)) : undefined;
  if (item !== null && version) return { ok: true, value: `${version.id}-${item}` };
  if (item !== null)
    return { ok: false, message: '干预时间缺失或无效，无法确定干预情形适用哪一年的制度' };

  return {
    ok: false,
    message: `无法识别的干预情形“${text}”，请写情形序号：2017 年制度写“(三)”，2023 年制度写“3.”`,
  };
}

const NUMERALS = '一二三四五六七八九十';

function itemNumber(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const index = text.length === 1 ? NUMERALS.indexOf(text) : -1;

  return index >= 0 ? index + 1 : null;
}

function contentOfRow(v: SourceRow['values']): Read<RecordInput['content']> {
  if (v.content !== undefined) return contentOf(v.content);

  const content: RecordInput['content'] = {};
  if (v.indicators) {
    const indicators = indicatorsOf(v.indicators);
    if (!indicators.ok) return indicators;
    content.indicators = indicators.value;
  }
  if (v.caseName || v.caseUnits || v.casePersons) {
    content.case = { name: v.caseName ?? '' };
    if (v.caseUnits) content.case.units = listOf(v.caseUnits);
    if (v.casePersons) content.case.persons = listOf(v.casePersons);
  }
  if (v.words) content.words = v.words;
  if (v.description) content.description = v.description;
  if (v.storageMedium) content.storageMedium = v.storageMedium;

  return { ok: true, value: content };
}

/** Identifiers are read with full-width digits and letters made plain (１２ → 12). */
function detailsOf(v: SourceRow['values']): Read<RecordInput['details']> {
  const details: RecordInput['details'] = {};
  if (v.witnesses) {
    const witnesses = witnessesOf(v.witnesses);
    if (!witnesses.ok) return witnesses;
    details.witnesses = witnesses.value;
  }
  if (v.place) details.place = v.place;
  if (v.senderUnit) details.senderUnit = v.senderUnit;
  for (const key of ['phone', 'qq', 'wechat', 'email', 'otherSource'] as const) {
    const value = v[key];
    if (value) details[key] = key === 'otherSource' ? value : normalized(value).replace(/\s/g, '');
  }

  return { ok: true, value: details };
}

function withoutUndefined(body: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
}
