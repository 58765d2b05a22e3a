/**
 * The ledger (记录台账, 附件1 of 汴统〔2020〕26号) as a document: every text the printed form
 * carries, already in Chinese, so the Excel, PDF and print renderers only lay it out. Built
 * from record views; pure, so each renderer and its tests can make one from plain data.
 */
import type { Form, RecordInput } from '../records/record-schema.js';
import type { RecordView } from '../records/record-view.js';
import { levelLabels } from '../reports/summary-rows.js';

export const LEDGER_TITLE = '领导干部违规干预统计工作记录台账';

/** The sentence that opens the list of situations on the form. */
export const SITUATIONS_LEAD = '领导干部有下列情形之一的，属于违规干预统计工作，应当如实记录：';

/** 填报说明 of 附件1, word for word from the notice. */
export const LEDGER_INSTRUCTIONS: readonly string[] = [
  '1. 记录单位为各县（区）统计局。',
  '2. “干预内容”一栏应当如实记录领导干部干预统计活动、妨碍独立行使统计职权、插手统计违法案件处理情况的行为，包括干预的具体统计指标及其期别，干预的统计违法案件名称和涉案单位、人员，干预的具体语言或者文字表述等。对于利用手机短信、QQ、微博、微信、Email 等网络信息方式过问统计数据和具体案件的，还应当记录信息存储介质情况。',
  '3. “干预时间”一栏应当具体到*月*日*时，其中，通过来函形式干预的可以填写 *月*日。',
  '4. “口头干预”一栏中在场人员应当签字。',
  '5. “通讯信息”各栏应当填写干预统计工作的领导干部的来电号码、QQ 号码、微信号码、Email 地址。',
  '6. 干预统计工作的相关函文、信件原件，手机短信、QQ 和微信聊天界面截屏打印件，以及 Email 邮件打印件应当附在表格后，是本台账的重要组成部分。',
];

/** The column headings, left to right, with Liuhen's two additions after 干预人单位、职务. */
export const LEDGER_COLUMNS = [
  '序号',
  '干预人',
  '干预人单位、职务',
  '级别',
  '干预情形',
  '干预内容',
  '干预时间',
  '干预形式',
  '记录人(签字)',
] as const;

export type DetailKey =
  | 'witnesses'
  | 'place'
  | 'senderUnit'
  | 'phone'
  | 'qq'
  | 'wechat'
  | 'email'
  | 'otherSource';

/**
 * The eight labelled detail rows of a record's band, each beside the check box of the form it
 * belongs to (forms.md): 口头干预 two rows, 来文来函 one, 通讯信息 five.
 */
export const DETAIL_ROWS: ReadonlyArray<{ key: DetailKey; label: string; form: Form }> = [
  { key: 'witnesses', label: '在场人员(签字)', form: 'oral' },
  { key: 'place', label: '地点', form: 'oral' },
  { key: 'senderUnit', label: '来文来函单位', form: 'letter' },
  { key: 'phone', label: '电话号码', form: 'message' },
  { key: 'qq', label: 'QQ 号码', form: 'message' },
  { key: 'wechat', label: '微信号', form: 'message' },
  { key: 'email', label: 'Email 地址', form: 'message' },
  { key: 'otherSource', label: '其他来源', form: 'message' },
];

export const FORM_LABELS: Readonly<Record<Form, string>> = {
  oral: '口头干预',
  letter: '来文来函',
  message: '通讯信息',
};

/** The check boxes of the 干预形式 column, each spanning the detail rows of its form. */
export const FORM_BOXES: ReadonlyArray<{ form: Form; label: string; rows: number }> = (
  ['oral', 'letter', 'message'] as const
).map((form) => ({
  form,
  label: FORM_LABELS[form],
  rows: DETAIL_ROWS.filter((d) => d.form === form).length,
}));

export const CHECKED = '☑';
export const UNCHECKED = '☐';

export interface LedgerRow {
  seq: number;
  recordId: string;
  interferer: string;
  post: string;
  /** 县处级, 乡科级, 其他 (or a province level). */
  level: string;
  /** The situation's number as its rule version prints it: (三) or 3. */
  situation: string;
  content: string;
  /** 干预时间 as the form wants it: 2020年5月12日15时, or 2020年5月12日 for a letter. */
  occurredAt: string;
  form: Form;
  details: Record<DetailKey, string>;
  recorder: string;
}

export interface EvidenceLine {
  /** 序号 of the record the file belongs to. */
  seq: number;
  name: string;
  /** What the file is, in words: 图片, PDF 文件, 在场人员签字页… */
  kind: string;
  mediaType: string;
  size: number;
  sm3: string;
}

export interface LedgerDocument {
  unit: { code: string; name: string };
  /** 记录机构: the office named by the records, 、-joined when they differ. */
  office: string;
  period: { label: string; text: string };
  /** The situations of the rule version in force for the period, as printed above the table. */
  situations: ReadonlyArray<{ label: string; text: string }>;
  rows: LedgerRow[];
  evidence: EvidenceLine[];
  /** The compiled report version this ledger is, or null for a live preview. */
  reportVersion: number | null;
}

export interface SituationLabel {
  id: string;
  label: string;
}

/** One band of the table from a record as it stood in the report. */
export function ledgerRow(
  view: RecordView,
  seq: number,
  situations: ReadonlyMap<string, SituationLabel>,
): LedgerRow {
  return {
    seq,
    recordId: view.id,
    interferer: view.interferer.name,
    post: view.interferer.post,
    level: levelLabels[view.interferer.level],
    situation: situations.get(view.situation)?.label ?? view.situation,
    content: contentText(view.content),
    occurredAt: occurredAtText(view.occurredAt),
    form: view.form,
    details: detailsOf(view),
    recorder: recorderText(view),
  };
}

/** 干预内容 in the order of 填报说明 2: indicators, case, words, then storage medium. */
export function contentText(content: RecordInput['content']): string {
  const parts: string[] = [];
  const indicators = content.indicators ?? [];
  if (indicators.length > 0)
    parts.push(`统计指标：${indicators.map((i) => `${i.name}（${i.period}）`).join('、')}`);
  if (content.case) {
    const { name, units = [], persons = [] } = content.case;
    let text = `案件：${name}`;
    if (units.length > 0) text += `；涉案单位：${units.join('、')}`;
    if (persons.length > 0) text += `；涉案人员：${persons.join('、')}`;
    parts.push(text);
  }
  if (content.words) parts.push(`具体表述：${content.words}`);
  if (content.description) parts.push(`情况描述：${content.description}`);
  if (content.storageMedium) parts.push(`信息存储介质：${content.storageMedium}`);

  return parts.join('\n');
}

/** `2020-05-12T15` → 2020年5月12日15时; `2020-05-12` → 2020年5月12日. */
export function occurredAtText(occurredAt: string): string {
  const [date, hour] = occurredAt.split('T');
  const [year, month, day] = (date ?? '').split('-').map(Number);
  const text = `${year}年${month}月${day}日`;

  return hour === undefined ? text : `${text}${Number(hour)}时`;
}

function detailsOf(view: RecordView): Record<DetailKey, string> {
  const d = view.details;

  return {
    witnesses: witnessesText(view),
    place: d.place ?? '',
    senderUnit: d.senderUnit ?? '',
    phone: d.phone ?? '',
    qq: d.qq ?? '',
    wechat: d.wechat ?? '',
    email: d.email ?? '',
    otherSource: d.otherSource ?? '',
  };
}

/** Witness names; an electronic confirmation stands for the signature the paper asks for. */
function witnessesText(view: RecordView): string {
  const confirmed = new Set(view.witnessConfirmations.map((c) => c.index));

  return (view.details.witnesses ?? [])
    .map((w, i) => {
      const name = w.post ? `${w.name}（${w.post}）` : w.name;
      return confirmed.has(i) ? `${name}（已电子签名）` : name;
    })
    .join('、');
}

function recorderText(view: RecordView): string {
  return view.signedAt ? `${view.recorder.name}（已电子签名）` : view.recorder.name;
}
