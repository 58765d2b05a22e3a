/**
 * How a record's coded values read in Chinese, in the words of 附件1 and 附件2 of the notice:
 * the forms of interference, the channels of a message, the levels of the summary, the
 * statuses, and the time of interference to the hour.
 */
import { Tag } from 'antd';
import type {
  Channel,
  EvidenceKind,
  InterferenceForm,
  InterferenceRecord,
  Level,
  RecordStatus,
} from './records';

export const formNames: Record<InterferenceForm, string> = {
  oral: '口头干预',
  letter: '来文来函',
  message: '通讯信息',
};

export const channelNames: Record<Channel, string> = {
  phone: '电话',
  qq: 'QQ',
  wechat: '微信',
  email: 'Email',
  other: '其他',
};

export const levelNames: Record<Level, string> = {
  county: '县处级',
  township: '乡科级',
  other: '其他',
  prefecture: '厅局级',
  province: '省部级',
};

export const statusNames: Record<RecordStatus, string> = {
  draft: '草稿',
  signed: '已签字',
  complete: '已完成',
  voided: '已作废',
};

export const evidenceKindNames: Record<EvidenceKind, string> = {
  image: '图片',
  pdf: 'PDF',
  audio: '音频',
  video: '视频',
  document: '文档',
  text: '文本',
};

/** The detail of each channel as 附件1 labels it, and the input field that holds it. */
export const channelFields: Record<Channel, { field: ChannelField; label: string }> = {
  phone: { field: 'phone', label: '电话号码' },
  qq: { field: 'qq', label: 'QQ 号码' },
  wechat: { field: 'wechat', label: '微信号' },
  email: { field: 'email', label: 'Email 地址' },
  other: { field: 'otherSource', label: '其他来源' },
};

export type ChannelField = 'phone' | 'qq' | 'wechat' | 'email' | 'otherSource';

/** 口头干预, 来文来函, or 通讯信息·微信. */
export function formText(record: { form: InterferenceForm; channel?: Channel }): string {
  const name = formNames[record.form];

  return record.form === 'message' && record.channel
    ? `${name}·${channelNames[record.channel]}`
    : name;
}

/** `2020-05-12T15` → `2020年5月12日15时`; a letter's `2020-05-12` → `2020年5月12日`. */
export function occurredText(occurredAt: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}))?/.exec(occurredAt);
  if (!match) return occurredAt;

  const [, year, month, day, hour] = match;
  const date = `${year}年${Number(month)}月${Number(day)}日`;

  return hour === undefined ? date : `${date}${Number(hour)}时`;
}

/** Witness accounts that have not yet confirmed they were present. */
export function pendingWitnesses(record: InterferenceRecord): string[] {
  const confirmed = new Set(record.witnessConfirmations.map((c) => c.index));

  return (record.details.witnesses ?? []).flatMap((w, i) =>
    w.user && !confirmed.has(i) ? [w.user] : [],
  );
}

/**
 * What a signed oral record still waits for: a witness without an account can only sign on
 * paper, so then the page with the witnesses' signatures completes it; otherwise every
 * witness account confirming does.
 */
export function witnessesAwaited(record: InterferenceRecord): string {
  const witnesses = record.details.witnesses ?? [];
  const paper = record.evidence.some((e) => e.role === 'witness-signatures' && !e.superseded);
  if (witnesses.some((w) => !w.user) && !paper) return '待上传在场人员签字页';

  const pending = pendingWitnesses(record);

  return pending.length > 0 ? `待 ${pending.join('、')} 确认` : '';
}

const statusColors: Record<RecordStatus, string> = {
  draft: 'default',
  signed: 'blue',
  complete: 'green',
  voided: 'red',
};

/**
 * The status as a tag. A record stays `signed` only while its witnesses have not all signed
 * (a letter or message completes at once), so the tag says what it waits for.
 */
export function RecordStatusTag({ record }: { record: InterferenceRecord }) {
  const waiting = record.status === 'signed';

  return (
    <Tag
      color={waiting ? 'orange' : statusColors[record.status]}
      data-testid="record-status"
      data-status={record.status}
    >
      {waiting ? '待在场人员确认' : statusNames[record.status]}
    </Tag>
  );
}

/** `2020-05-12T07:00:00.000Z` → `2020-05-12 15:00` in Beijing time, whatever the device's zone. */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return '—';

  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;

  const shifted = new Date(date.getTime() + 8 * 3600_000).toISOString();

  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

/** 1536 → `1.5 KB`. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;

  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
