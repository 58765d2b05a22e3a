/**
 * What the bureau above exports about its region: the summary (附件2) for any range of
 * quarters, with 填报单位 naming the region, and the annual report to 市委、市政府、省统计局 as
 * Word. Only the region's reviewers may, and each export is an event in the region's log.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../ledger/event-log.js';
import { allUnits, requireRegionReader } from '../oversight/region-access.js';
import { type Context, write } from '../platform/context.js';
import { DOCX, XLSX } from '../records/media-type.js';
import type { Viewer } from '../records/record-access.js';
import { annualReportTitle } from './annual-report.js';
import { loadAnnualReport } from './annual-report-data.js';
import { renderAnnualReportDocx } from './annual-report-docx.js';
import { type Included, regionalFigures, regionalSummaryDocument } from './regional-summary.js';
import type { ExportedDocument } from './report-export.js';
import { SUMMARY_TITLE } from './summary-document.js';
import { renderSummaryPdf } from './summary-pdf.js';
import { renderSummaryXlsx } from './summary-xlsx.js';

/**
 * The reviewers of a bureau read its region and every subtree of it (a city's reviewer reads a
 * county's region too); anyone else is told there is no such region.
 */
export async function requireRegionReviewer(
  ctx: Context,
  viewer: Viewer,
  region: string,
): Promise<void> {
  requireRegionReader(viewer, await allUnits(ctx), region);
}

export async function exportRegionalSummary(
  ctx: Context,
  request: {
    region: string;
    from: string;
    to: string;
    format: 'xlsx' | 'pdf' | 'json';
    included: Included;
    actor: Actor;
  },
): Promise<ExportedDocument> {
  const { region, from, to, included } = request;
  const figures = await regionalFigures(ctx, region, from, to, included);
  const document = await regionalSummaryDocument(ctx, figures);
  const bytes =
    request.format === 'json'
      ? Buffer.from(JSON.stringify({ form: 'summary', ...document }, null, 2))
      : request.format === 'xlsx'
        ? await renderSummaryXlsx(document)
        : Buffer.from(await renderSummaryPdf(document));
  const mediaType =
    request.format === 'json'
      ? 'application/json; charset=utf-8'
      : request.format === 'xlsx'
        ? XLSX
        : 'application/pdf';

  return logged(ctx, request.region, request.actor, {
    bytes,
    mediaType,
    fileName: `${request.region}-${document.period.label}-本地区${SUMMARY_TITLE}.${request.format}`,
    data: {
      kind: 'regional-summary',
      from: request.from,
      to: request.to,
      included,
      format: request.format,
      units: document.units,
      records: document.records,
    },
  });
}

export async function exportAnnualReport(
  ctx: Context,
  request: { region: string; year: number; actor: Actor },
): Promise<ExportedDocument> {
  const report = await loadAnnualReport(ctx, request.region, request.year);
  const bytes = await renderAnnualReportDocx(report);

  return logged(ctx, request.region, request.actor, {
    bytes,
    mediaType: DOCX,
    fileName: `${annualReportTitle(report)}.docx`,
    data: {
      kind: 'annual-report',
      year: request.year,
      units: report.units.length,
      records: report.regionalSummary.records,
    },
  });
}

export async function logged(
  ctx: Context,
  region: string,
  actor: Actor,
  file: { bytes: Buffer; mediaType: string; fileName: string; data: Record<string, unknown> },
): Promise<ExportedDocument> {
  const sm3 = createHash('sm3').update(file.bytes).digest('hex');
  await write(
    ctx,
    (change) =>
      change.event(
        { type: 'region.exported', actor, unit: region, data: { ...file.data, sm3 } },
        region,
      ),
    { lock: region },
  );

  return { bytes: file.bytes, fileName: file.fileName, mediaType: file.mediaType, sm3 };
}
