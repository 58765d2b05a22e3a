/**
 * The rules that tie a record's fields together, from 附件1 and its 填报说明 (汴统〔2020〕26号)
 * and the domain reference §4. Each problem names its field (a JSON path) and says in Chinese
 * what to fix. Pure: the caller supplies the rule versions and the current Beijing date.
 */
import { daysBetween } from '../calendar/beijing-time.js';
import type { FieldProblem } from '../platform/errors.js';
import { type Rules, versionInForce } from '../rules/rules.js';
import type { Channel, RecordInput } from './record-schema.js';

/** Where each channel's identifier lives in `details` (填报说明 5). */
export const channelField: Record<Channel, keyof RecordInput['details']> = {
  phone: 'phone',
  qq: 'qq',
  wechat: 'wechat',
  email: 'email',
  other: 'otherSource',
};

const channelNames: Record<Channel, string> = {
  phone: '来电号码',
  qq: 'QQ 号码',
  wechat: '微信号',
  email: 'Email 地址',
  other: '其他来源',
};

/** A supplementary record more than this many days after the obstacle is flagged (2023 rule). */
export const SUPPLEMENTARY_DAYS = 15;

export interface RuleContext {
  rules: Rules;
  /** Today in Beijing, `YYYY-MM-DD`. */
  today: string;
  /** Today in Beijing to the hour, `YYYY-MM-DDTHH`. */
  thisHour: string;
}

export function checkRecord(record: RecordInput, context: RuleContext): FieldProblem[] {
  return [
    ...checkTime(record, context),
    ...checkForm(record),
    ...checkContent(record),
    ...checkSituation(record, context),
    ...checkSupplementary(record, context),
  ];
}

/** 填报说明 3: month, day and hour; a letter may give month and day only. Never in the future. */
function checkTime(record: RecordInput, context: RuleContext): FieldProblem[] {
  const [date, hour] = record.occurredAt.split('T') as [string, string | undefined];
  const problems: FieldProblem[] = [];
  if (!isCalendarDate(date))
    problems.push({ field: 'occurredAt', message: `${date} 不是有效的日期` });
  if (hour !== undefined && Number(hour) > 23) {
    problems.push({ field: 'occurredAt', message: '小时须在 00 到 23 之间' });
  }
  if (hour === undefined && record.form !== 'letter') {
    problems.push({
      field: 'occurredAt',
      message: '干预时间应具体到时（如 2020-05-12T15）；只有来文来函可以只填日期',
    });
  }

  const moment = hour === undefined ? date : `${date}T${hour}`;
  if (problems.length === 0 && moment > (hour === undefined ? context.today : context.thisHour)) {
    problems.push({ field: 'occurredAt', message: '干预时间不能晚于现在' });
  }

  return problems;
}

/** Details by form (填报说明 4 and 5; domain reference §4). */
function checkForm(record: RecordInput): FieldProblem[] {
  const { details } = record;
  const problems: FieldProblem[] = [];
  const need = (ok: unknown, field: string, message: string) => {
    if (!ok) problems.push({ field, message });
  };

  if (record.form !== 'message' && record.channel) {
    problems.push({ field: 'channel', message: '只有通讯信息需要填写通讯方式' });
  }

  if (record.form === 'oral') {
    need(details.place, 'details.place', '口头干预须填写地点');
    need(
      details.witnesses?.length,
      'details.witnesses',
      '口头干预须填写至少一名在场人员（在场人员应当签字）',
    );
  }

  if (record.form === 'letter')
    need(details.senderUnit, 'details.senderUnit', '来文来函须填写来文来函单位');

  if (record.form === 'message') {
    if (!record.channel) {
      need(false, 'channel', '通讯信息须选择通讯方式：电话、QQ、微信、Email 或其他');
    } else {
      const field = channelField[record.channel];
      need(
        details[field],
        `details.${field}`,
        `通讯信息须填写干预人的${channelNames[record.channel]}`,
      );
    }
    need(
      record.content.storageMedium,
      'content.storageMedium',
      '通讯信息须记录信息存储介质情况（如：手机微信聊天记录，已截屏）',
    );
  }

  if (details.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(details.email)) {
    problems.push({ field: 'details.email', message: 'Email 地址格式不正确' });
  }

  return problems;
}

/** 填报说明 2: the indicators and periods, the case, or the exact words must say what was asked. */
function checkContent(record: RecordInput): FieldProblem[] {
  const { indicators, case: illegalCase, words } = record.content;
  if (indicators?.length || illegalCase || words) return [];

  return [
    {
      field: 'content',
      message:
        '请写明干预的内容：具体统计指标及期别、违法案件，或干预的具体语言或文字表述，至少一项',
    },
  ];
}

/** The situation must belong to the rule version in force on the interference date. */
function checkSituation(record: RecordInput, context: RuleContext): FieldProblem[] {
  const date = record.occurredAt.slice(0, 10);
  const version = versionInForce(context.rules, date);
  if (!version)
    return [{ field: 'occurredAt', message: `${date} 时尚无生效的记录制度，请核对干预时间` }];

  if (version.situations.some((s) => s.id === record.situation)) return [];

  const allowed = version.situations.map((s) => `${s.id} ${s.label}`).join('、');
  return [
    { field: 'situation', message: `干预情形须是 ${version.id} 年制度的情形之一：${allowed}` },
  ];
}

function checkSupplementary(record: RecordInput, context: RuleContext): FieldProblem[] {
  const removed = record.supplementary?.obstacleRemovedOn;
  if (!removed) return [];
  if (!isCalendarDate(removed))
    return [{ field: 'supplementary.obstacleRemovedOn', message: '不是有效的日期' }];
  if (removed > context.today)
    return [{ field: 'supplementary.obstacleRemovedOn', message: '障碍消除日期不能晚于今天' }];
  if (removed < record.occurredAt.slice(0, 10)) {
    return [{ field: 'supplementary.obstacleRemovedOn', message: '障碍消除日期不能早于干预时间' }];
  }

  return [];
}

/** 2023 rule: a supplementary record within 15 days after the obstacle is gone; later is flagged. */
export function supplementaryLate(record: RecordInput, recordedOn: string): boolean {
  const removed = record.supplementary?.obstacleRemovedOn;

  return removed !== undefined && daysBetween(removed, recordedOn) > SUPPLEMENTARY_DAYS;
}

function isCalendarDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);

  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
}
