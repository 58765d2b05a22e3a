/**
 * Exporting a unit's quarter as the official documents: the ledger (附件1) or the summary
 * (附件2) as .xlsx, .pdf or JSON. An export shows record contents, so it is a log event of the
 * unit, naming the version, the form, the format and the SM3 of the bytes handed out: who took
 * which document away stays provable.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../ledger/event-log.js';
import { type Context, write } from '../platform/context.js';
import { XLSX } from '../records/media-type.js';
import { LEDGER_TITLE } from './ledger-document.js';
import type { EvidenceAttachment } from './ledger-pdf.js';
import { renderLedgerPdf } from './ledger-pdf.js';
import { renderLedgerXlsx } from './ledger-xlsx.js';
import {
  loadReportDocuments,
  type ReaderKind,
  type ReportDocuments,
  readStored,
} from './report-documents.js';
import { SUMMARY_TITLE } from './summary-document.js';
import { renderSummaryPdf } from './summary-pdf.js';
import { renderSummaryXlsx } from './summary-xlsx.js';

export const exportForms = ['ledger', 'summary'] as const;
export const exportFormats = ['xlsx', 'pdf', 'json'] as const;
export type ExportForm = (typeof exportForms)[number];
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportRequest {
  unit: string;
  period: string;
  form: ExportForm;
  format: ExportFormat;
  reader: ReaderKind;
  actor: Actor;
}

export interface ExportedDocument {
  bytes: Buffer;
  fileName: string;
  mediaType: string;
  sm3: string;
}

const MEDIA_TYPES: Readonly<Record<ExportFormat, string>> = {
  xlsx: XLSX,
  pdf: 'application/pdf',
  json: 'application/json; charset=utf-8',
};

/** Images and PDFs are embedded after the ledger; other evidence is only listed. */
const EMBEDDABLE = new Set(['image/png', 'image/jpeg', 'application/pdf']);

export async function exportReport(
  ctx: Context,
  request: ExportRequest,
): Promise<ExportedDocument> {
  const { unit, period, form, format } = request;
  const documents = await loadReportDocuments(ctx, unit, period, request.reader);
  const bytes = Buffer.from(await render(ctx, documents, form, format));
  const sm3 = createHash('sm3').update(bytes).digest('hex');
  const title = form === 'ledger' ? LEDGER_TITLE : SUMMARY_TITLE;
  const version = documents.report?.version ?? null;

  await write(
    ctx,
    async (change) => {
      await change.event(
        {
          type: 'report.exported',
          actor: request.actor,
          unit,
          data: {
            period,
            reportId: documents.report?.id ?? null,
            version,
            form,
            format,
            records: documents.ledger.rows.length,
            sm3,
          },
        },
        unit,
      );
    },
    { lock: unit },
  );

  return {
    bytes,
    fileName: `${unit}-${period}${version ? `-v${version}` : ''}-${title}.${format}`,
    mediaType: MEDIA_TYPES[format],
    sm3,
  };
}

async function render(
  ctx: Context,
  documents: ReportDocuments,
  form: ExportForm,
  format: ExportFormat,
): Promise<Uint8Array> {
  if (format === 'json') return Buffer.from(JSON.stringify(asJson(documents, form), null, 2));
  if (form === 'summary')
    return format === 'xlsx'
      ? renderSummaryXlsx(documents.summary)
      : renderSummaryPdf(documents.summary);
  if (format === 'xlsx') return renderLedgerXlsx(documents.ledger);

  return renderLedgerPdf(documents.ledger, { attachments: await attachments(ctx, documents) });
}

/** The JSON of a document: the same model the renderers lay out, the seal as base64. */
function asJson(documents: ReportDocuments, form: ExportForm) {
  if (form === 'ledger') return { form, ...documents.ledger };
  const { seal, ...summary } = documents.summary;

  return {
    form,
    ...summary,
    seal: seal
      ? { mediaType: seal.mediaType, base64: Buffer.from(seal.bytes).toString('base64') }
      : null,
  };
}

/** The evidence the notice makes part of the ledger (填报说明 6), in ledger order. */
async function attachments(
  ctx: Context,
  documents: ReportDocuments,
): Promise<EvidenceAttachment[]> {
  const result: EvidenceAttachment[] = [];
  for (const line of documents.ledger.evidence) {
    const bytes = EMBEDDABLE.has(line.mediaType)
      ? await readStored(ctx, line.sm3)
      : new Uint8Array();
    result.push({ seq: line.seq, name: line.name, mediaType: line.mediaType, bytes });
  }

  return result;
}
