/**
 * The rows of the summary (附件2 of 汴统〔2020〕26号) and the words printed on them. The JSON of
 * the API and the exports uses the row ids; documents and the UI print the labels, which are
 * the form's own words, so a printed summary reads exactly like the paper one.
 */
import type { Channel, Form, Level } from '../records/record-schema.js';

/** 附件2 「干预人员」 rows of a city or county deployment: 县处级, 乡科级, 其他. */
export const defaultLevels: readonly Level[] = ['county', 'township', 'other'];

/**
 * A province deployment adds 厅局级 and 省部级 (domain README §4). They are printed above
 * 县处级 because the form lists levels from the highest down.
 */
export const provinceLevels: readonly Level[] = [
  'province',
  'prefecture',
  'county',
  'township',
  'other',
];

export const levelLabels: Readonly<Record<Level, string>> = {
  province: '省部级',
  prefecture: '厅局级',
  county: '县处级',
  township: '乡科级',
  other: '其他',
};

/** 附件2 「干预形式」 rows, in the form's order. */
export const formRows = ['oral', 'phone', 'qq', 'wechat', 'email', 'other'] as const;
export type FormRow = (typeof formRows)[number];

/** The scan of the notice reads 「头干预」; forms.md restores the lost 「口」. */
export const formLabels: Readonly<Record<FormRow, string>> = {
  oral: '口头干预',
  phone: '电话干预',
  qq: 'QQ 干预',
  wechat: '微信干预',
  email: 'Email 干预',
  other: '其他形式干预',
};

export const totalLabel = '合计';

/** The three blocks of 附件2 with their column headings. */
export const blockLabels = {
  persons: { title: '干预人员', row: '级别', count: '人数' },
  forms: { title: '干预形式', row: '形式', count: '次数' },
  situations: { title: '干预类型', row: '类型', count: '次数' },
} as const;

// 附件2 has no row for 来文来函: a letter is one of the 「其他形式」, and so is a message from
// a source other than the four channels the form names (the ledger's 「其他来源」).
const rowByChannel: Readonly<Record<Channel, FormRow>> = {
  phone: 'phone',
  qq: 'qq',
  wechat: 'wechat',
  email: 'email',
  other: 'other',
};

/**
 * The 「干预形式」 row a record counts under, or undefined when its form or channel is not
 * one the record schema allows (a message must name its channel).
 */
export function formRowOf(form: Form, channel: Channel | undefined): FormRow | undefined {
  if (form === 'oral') return 'oral';
  if (form === 'letter') return 'other';
  if (form !== 'message' || channel === undefined) return undefined;

  return Object.hasOwn(rowByChannel, channel) ? rowByChannel[channel] : undefined;
}

/** True for the five levels the record schema knows, whether or not a summary prints them. */
export function isKnownLevel(level: string): level is Level {
  return Object.hasOwn(levelLabels, level);
}
