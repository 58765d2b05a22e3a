/**
 * The official documents of a quarter as the export API gives them in JSON: the same model the
 * server lays out as Excel and PDF, so the print views show exactly what the files show.
 */
import { api } from '../api/client';

export type DocumentForm = 'ledger' | 'summary';
export type DocumentFormat = 'xlsx' | 'pdf' | 'json';
export type RecordForm = 'oral' | 'letter' | 'message';

export type DetailKey =
  | 'witnesses'
  | 'place'
  | 'senderUnit'
  | 'phone'
  | 'qq'
  | 'wechat'
  | 'email'
  | 'otherSource';

export interface LedgerRow {
  seq: number;
  recordId: string;
  interferer: string;
  post: string;
  level: string;
  situation: string;
  content: string;
  occurredAt: string;
  form: RecordForm;
  details: Record<DetailKey, string>;
  recorder: string;
}

export interface EvidenceLine {
  seq: number;
  name: string;
  kind: string;
  mediaType: string;
  size: number;
  sm3: string;
}

export interface LedgerDocument {
  form: 'ledger';
  unit: { code: string; name: string };
  office: string;
  period: { label: string; text: string };
  situations: Array<{ label: string; text: string }>;
  rows: LedgerRow[];
  evidence: EvidenceLine[];
  reportVersion: number | null;
}

export interface CountBlock {
  title: string;
  rowHeading: string;
  countHeading: string;
  rows: Array<{ label: string; count: number }>;
  total: { label: string; count: number };
}

export interface SignatureLine {
  role: 'principal' | 'ruleOfLawLeader' | 'filler';
  title: string;
  name: string | null;
  at: string | null;
}

export interface SummaryDocument {
  form: 'summary';
  filler: { code: string; name: string };
  period: { label: string; text: string };
  persons: CountBlock;
  forms: CountBlock;
  situations: CountBlock;
  records: number;
  zero: boolean;
  signatures: SignatureLine[];
  seal: { mediaType: string; base64: string } | null;
  checkpoint: string | null;
  units?: number;
  reportVersion: number | null;
}

export const documentNames: Record<DocumentForm, string> = {
  ledger: '记录台账',
  summary: '汇总表',
};

/** Where the browser downloads a document; the session cookie goes along with the GET. */
export function exportUrl(
  unit: string,
  period: string,
  form: DocumentForm,
  format: DocumentFormat,
): string {
  return `/api/v1/reports/${encodeURIComponent(unit)}/${encodeURIComponent(period)}/export?form=${form}&format=${format}`;
}

export const documentsApi = {
  ledger: (unit: string, period: string) =>
    api.get<LedgerDocument>(`/reports/${unit}/${period}/export`, {
      form: 'ledger',
      format: 'json',
    }),
  summary: (unit: string, period: string) =>
    api.get<SummaryDocument>(`/reports/${unit}/${period}/export`, {
      form: 'summary',
      format: 'json',
    }),
};
