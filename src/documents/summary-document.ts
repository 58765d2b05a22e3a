/**
 * The summary (汇总表, 附件2 of 汴统〔2020〕26号) as a document: the three blocks with their rows
 * in the form's order and words, the signature line, the seal image and the checkpoint. The
 * same shape serves a unit's quarter and a region's year, where 填报单位 names the region.
 */
import type { Level } from '../records/record-schema.js';
import type { Summary } from '../reports/summary.js';
import {
  blockLabels,
  formLabels,
  formRows,
  levelLabels,
  totalLabel,
} from '../reports/summary-rows.js';

export const SUMMARY_TITLE = '领导干部违规干预统计工作汇总表';

export interface CountRow {
  label: string;
  count: number;
}

export interface CountBlock {
  title: string;
  rowHeading: string;
  countHeading: string;
  rows: CountRow[];
  total: CountRow;
}

export type SignatureRole = 'principal' | 'ruleOfLawLeader' | 'filler';

export interface SignatureLine {
  role: SignatureRole;
  title: string;
  /** Who signed, or null while the line waits for a signature. */
  name: string | null;
  /** UTC instant of the signature. */
  at: string | null;
}

export interface SummaryDocument {
  /** 填报单位: the unit, or for a regional summary the region's bureau. */
  filler: { code: string; name: string };
  period: { label: string; text: string };
  persons: CountBlock;
  forms: CountBlock;
  situations: CountBlock;
  records: number;
  zero: boolean;
  signatures: SignatureLine[];
  /** The seal image stamped over 填报单位, once the report is sealed. */
  seal: { bytes: Uint8Array; mediaType: string } | null;
  /** The signed checkpoint note the submission pinned, printed with its QR code. */
  checkpoint: string | null;
  /** For a regional summary: how many units' reports it counts. */
  units?: number;
  reportVersion: number | null;
}

export const SIGNATURE_TITLES: Readonly<Record<SignatureRole, string>> = {
  principal: '主要负责人',
  ruleOfLawLeader: '分管统计法治负责人',
  filler: '填报人',
};

/** The form prints them in this order on one line at the foot. */
export const SIGNATURE_ORDER: readonly SignatureRole[] = ['principal', 'ruleOfLawLeader', 'filler'];

export interface SummaryBlocksInput {
  summary: Summary;
  levels: readonly Level[];
  /** The situations of the summary's rule version, in order, with the form's numbering. */
  situations: ReadonlyArray<{ id: string; label: string; text: string }>;
}

/** The three blocks of 附件2 from a computed summary; rows the summary lacks print as 0. */
export function summaryBlocks({ summary, levels, situations }: SummaryBlocksInput) {
  const count = (block: Record<string, number>, key: string) => block[key] ?? 0;
  const block = (
    labels: (typeof blockLabels)[keyof typeof blockLabels],
    rows: CountRow[],
    total: number,
  ): CountBlock => ({
    title: labels.title,
    rowHeading: labels.row,
    countHeading: labels.count,
    rows,
    total: { label: totalLabel, count: total },
  });

  return {
    persons: block(
      blockLabels.persons,
      levels.map((l) => ({ label: levelLabels[l], count: count(summary.persons, l) })),
      summary.persons.total,
    ),
    forms: block(
      blockLabels.forms,
      formRows.map((f) => ({ label: formLabels[f], count: count(summary.forms, f) })),
      summary.forms.total,
    ),
    situations: block(
      blockLabels.situations,
      situations.map((s) => ({
        label: `${s.label}${s.text}`,
        count: count(summary.situations, s.id),
      })),
      summary.situations.total,
    ),
  };
}

/** 2020年度第二季度 for a quarter; 2020年度 for a year; 2020年度第一季度至第三季度 for a range. */
export function periodText(from: string, to: string = from): string {
  const names = ['一', '二', '三', '四'];
  const [fromYear, fromQuarter] = from.split('Q').map(Number) as [number, number];
  const [toYear, toQuarter] = to.split('Q').map(Number) as [number, number];
  const quarter = (q: number) => `第${names[q - 1]}季度`;

  if (from === to) return `${fromYear}年度${quarter(fromQuarter)}`;
  if (fromYear === toYear && fromQuarter === 1 && toQuarter === 4) return `${fromYear}年度`;
  if (fromYear === toYear) return `${fromYear}年度${quarter(fromQuarter)}至${quarter(toQuarter)}`;

  return `${fromYear}年度${quarter(fromQuarter)}至${toYear}年度${quarter(toQuarter)}`;
}
