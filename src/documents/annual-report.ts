/**
 * The city bureau's annual report (汴统〔2020〕26号 §三): by the end of January the city bureau
 * reports to 市委、市政府 and 省统计局 how the rules were carried out in the past year, with the
 * regional summary (附件2) for the year. This module holds the report's data and the few pure
 * derivations its text needs, so the sentences and the tables of the document are computed
 * from the same numbers and cannot disagree.
 */
import type { CountBlock, SummaryDocument } from './summary-document.js';

/** The notice names the three addressees of the annual report, in this order (§三). */
export const DEFAULT_ADDRESSEES: readonly string[] = ['市委', '市政府', '省统计局'];

/**
 * How a due quarterly report arrived: by the deadline (before the 6th of the next quarter's
 * first month, §二, as the deployment's calendar settings decide), after it, or not at all.
 */
export type SubmissionStatus = 'onTime' | 'late' | 'missing';

export interface QuarterSubmission {
  quarter: 1 | 2 | 3 | 4;
  status: SubmissionStatus;
  /** A zero report (零报告); false for a missing quarter. */
  zero: boolean;
}

/** One reporting unit's year: the city bureau itself or a county (district) bureau. */
export interface ReportingUnitYear {
  code: string;
  /** 杞县统计局. */
  name: string;
  /** The quarters of the year that were due when the report was made, in order. */
  quarters: QuarterSubmission[];
  /** Records of the year in the unit's submitted ledgers (supplements included). */
  records: number;
  /** Distinct interferers among those records (人数). */
  persons: number;
}

/** A referral (移送) of records to the party committee and government managing the cadre. */
export interface Referral {
  /** The referral letter's number, e.g. 汴统移〔2020〕1号. */
  number: string;
  /** Beijing calendar date, `2020-08-14`. */
  date: string;
  /** 杞县县委、县政府. */
  target: string;
  records: number;
  /** The feedback received, or null while none has come back. */
  feedback: string | null;
}

export interface AnnualReport {
  year: number;
  /** The reporting bureau, e.g. `{ code: '410200', name: '开封市统计局' }`. */
  city: { code: string; name: string };
  /** 主送机关; DEFAULT_ADDRESSEES unless the bureau reports to others as well. */
  addressees: readonly string[];
  /** The city bureau (code equal to city.code) and the county bureaus, in print order. */
  units: ReportingUnitYear[];
  referrals: Referral[];
  /** 附件2 for the region and the year; its blocks are the figures by level, form, situation. */
  regionalSummary: SummaryDocument;
  /** ISO instant; its Beijing date is the report's date until the author changes it. */
  generatedAt: string;
}

export interface SubmissionTotals {
  units: number;
  due: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  zero: number;
}

/** 「开封市统计局关于2020年度领导干部违规干预统计工作记录情况的报告」. */
export function annualReportTitle(report: Pick<AnnualReport, 'city' | 'year'>): string {
  return `${report.city.name}关于${report.year}年度领导干部违规干预统计工作记录情况的报告`;
}

export function unitTotals(unit: ReportingUnitYear): SubmissionTotals {
  const count = (status: SubmissionStatus) =>
    unit.quarters.filter((q) => q.status === status).length;
  const onTime = count('onTime');
  const late = count('late');

  return {
    units: 1,
    due: unit.quarters.length,
    submitted: onTime + late,
    onTime,
    late,
    missing: count('missing'),
    zero: unit.quarters.filter((q) => q.status !== 'missing' && q.zero).length,
  };
}

export function submissionTotals(units: readonly ReportingUnitYear[]): SubmissionTotals {
  const empty: SubmissionTotals = {
    units: 0,
    due: 0,
    submitted: 0,
    onTime: 0,
    late: 0,
    missing: 0,
    zero: 0,
  };
  const keys = Object.keys(empty) as (keyof SubmissionTotals)[];

  return units.map(unitTotals).reduce((sum, t) => {
    for (const k of keys) sum[k] += t[k];
    return sum;
  }, empty);
}

/** Share of due quarterly reports submitted on time, 0..1; null when nothing was due. */
export function onTimeRate(totals: SubmissionTotals): number | null {
  return totals.due === 0 ? null : totals.onTime / totals.due;
}

/** 0.925 → 「92.5%」, 1 → 「100%」: one decimal, as statistical reports print shares. */
export function percentText(share: number): string {
  const tenths = Math.round(share * 1000);
  const text = (tenths / 10).toFixed(1);

  return `${text.endsWith('.0') ? text.slice(0, -2) : text}%`;
}

const quarterNames = ['一', '二', '三', '四'];

/** 「第三季度」. */
export function quarterText(quarter: number): string {
  return `第${quarterNames[quarter - 1]}季度`;
}

/** The units with quarters of the given status and those quarters: 「尉氏县统计局第二、四季度」. */
export function unitsWith(units: readonly ReportingUnitYear[], status: SubmissionStatus) {
  return units.flatMap((unit) => {
    const quarters = unit.quarters.filter((q) => q.status === status).map((q) => q.quarter);
    if (quarters.length === 0) return [];
    const names = quarters.map((q) => quarterNames[q - 1]).join('、');

    return [{ name: unit.name, quarters, text: `${unit.name}第${names}季度` }];
  });
}

/** 「2021年1月25日」 for the Beijing calendar date of an instant (GB/T 9704 writes dates so). */
export function chineseDate(instant: string): string {
  const beijing = new Date(Date.parse(instant) + 8 * 3_600_000);

  return `${beijing.getUTCFullYear()}年${beijing.getUTCMonth() + 1}月${beijing.getUTCDate()}日`;
}

/** 「2020-08-14」 → 「2020年8月14日」. */
export function chineseCalendarDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);

  return `${year}年${month}月${day}日`;
}

/**
 * Throws unless the report's figures agree with each other, so that no sentence of the
 * document can contradict a table: the units' records add up to the regional summary's
 * records, each block of the summary balances (domain README §5), and the region counts no
 * more distinct persons than its units do together.
 */
export function checkAnnualReport(report: AnnualReport): void {
  const summary = report.regionalSummary;
  const records = report.units.reduce((sum, u) => sum + u.records, 0);
  const blocks = [summary.persons, summary.forms, summary.situations];

  if (records !== summary.records) {
    throw new Error(`annual report: units' records add up to ${records}, want ${summary.records}`);
  }

  for (const block of blocks) {
    const sum = block.rows.reduce((s, row) => s + row.count, 0);
    if (sum !== block.total.count) {
      throw new Error(`annual report: ${block.title} rows add up to ${sum}, want its total`);
    }
  }

  const unitPersons = report.units.reduce((sum, u) => sum + u.persons, 0);
  if (summary.persons.total.count > unitPersons) {
    throw new Error(
      `annual report: ${summary.persons.total.count} persons in the region, want at most ${unitPersons}`,
    );
  }

  for (const block of [summary.forms, summary.situations]) {
    if (block.total.count !== summary.records) {
      throw new Error(
        `annual report: ${block.title} total is ${block.total.count}, want ${summary.records}`,
      );
    }
  }
}

// ——— the report's wording: sentences computed from the same figures as the tables ———

/** 「全市」 for a city bureau, 「全省」 for a province bureau, and so on. */
export function regionWord(city: AnnualReport['city']): string {
  const area = city.name.replace(/统计局$/, '');
  const level = ['省', '市', '州', '盟', '县', '区'].find((l) => area.endsWith(l));

  return level ? `全${level}` : '全地区';
}

export function openingSentence(report: AnnualReport): string {
  const region = regionWord(report.city);

  return `根据领导干部违规干预统计工作记录制度的有关规定，现将${report.year}年度${region}执行情况报告如下：`;
}

/** 「10个报送单位（开封市统计局和9个县（区）统计局）」. */
function unitsPhrase(report: AnnualReport): string {
  const counties = report.units.filter((u) => u.code !== report.city.code).length;
  const city = counties < report.units.length ? `${report.city.name}和` : '';

  return `${report.units.length}个报送单位（${city}${counties}个县（区）统计局）`;
}

/** Section 一: the quarterly reports due, submitted, late and missing, and the on-time rate. */
export function complianceSentences(report: AnnualReport): string[] {
  const t = submissionTotals(report.units);
  const rate = onTimeRate(t);
  const region = regionWord(report.city);
  if (rate === null) return [`${report.year}年${region}尚无到期的季度报告。`];

  const late = unitsWith(report.units, 'late').map((u) => u.text);
  const missing = unitsWith(report.units, 'missing').map((u) => u.text);
  const lines = [
    `${report.year}年，${region}${unitsPhrase(report)}按季度报送本单位《汇总表》和《记录台账》，` +
      `应报${t.due}份，实际报送${t.submitted}份，其中按时报送${t.onTime}份、逾期报送${t.late}份，` +
      `未报送${t.missing}份；报送的${t.submitted}份中零报告${t.zero}份。按时报送率为${percentText(rate)}。`,
  ];

  if (late.length > 0) lines.push(`逾期报送的有：${late.join('、')}。`);
  if (missing.length > 0) lines.push(`未报送的有：${missing.join('、')}。`);
  if (late.length + missing.length === 0) lines.push('各单位均按时报送，无逾期、漏报情况。');

  return lines;
}

/** 「县处级3人、乡科级4人」: the block's non-zero rows. */
function countsPhrase(block: CountBlock, unit: string, name = (label: string) => label): string {
  return block.rows
    .filter((r) => r.count > 0)
    .map((r) => `${name(r.label)}${r.count}${unit}`)
    .join('、');
}

/** 「(二)自行…」 → 「属(二)项的」, 「2.强令…」 → 「属第2项的」: the number without the text. */
function situationPhrase(label: string): string {
  const chinese = /^[(（]([一二三四五六七八九十]+)[)）]/.exec(label);
  const arabic = /^(\d+)\./.exec(label);
  if (chinese) return `属(${chinese[1]})项的`;

  return arabic ? `属第${arabic[1]}项的` : `属${label}的`;
}

/** Section 二: the year's records by level, form, situation and unit. */
export function recordsSentences(report: AnnualReport): string[] {
  const s = report.regionalSummary;
  const region = regionWord(report.city);
  if (s.records === 0) {
    return [`${report.year}年${region}未记录领导干部违规干预统计工作的情况，各单位均为零报告。`];
  }

  const withRecords = report.units.filter((u) => u.records > 0);
  const byUnit = withRecords.map((u) => `${u.name}${u.records}次`).join('、');
  const rest = withRecords.length < report.units.length ? '，其余单位本年度未记录' : '';

  return [
    `${report.year}年${region}共记录领导干部违规干预统计工作${s.records}次，` +
      `涉及干预人员${s.persons.total.count}人。按干预人员级别分，${countsPhrase(s.persons, '人')}；` +
      `按干预形式分，${countsPhrase(s.forms, '次')}；` +
      `按干预类型分，${countsPhrase(s.situations, '次', situationPhrase)}。`,
    `分单位看，${byUnit}${rest}。`,
  ];
}

/** Why the regional person count can be below the units' sum, or null when it is not. */
export function personsNote(report: AnnualReport): string | null {
  const sum = report.units.reduce((n, u) => n + u.persons, 0);
  const region = report.regionalSummary.persons.total.count;
  if (sum === region) return null;

  return `注：同一干预人在多个单位被记录的，合计按一人计算，故合计人数${region}人少于各单位人数之和${sum}人。`;
}

/** Section 三: 「本年度未移送案件。」 or the referrals, records and feedback counted. */
export function referralSentence(referrals: readonly Referral[]): string {
  if (referrals.length === 0) return '本年度未移送案件。';

  const records = referrals.reduce((n, r) => n + r.records, 0);
  const answered = referrals.filter((r) => r.feedback !== null).length;

  return (
    `按照干部管理权限，本年度共移送案件${referrals.length}件，涉及记录${records}次；` +
    `已收到反馈${answered}件，尚未反馈${referrals.length - answered}件。`
  );
}
