/**
 * The ledger and summary documents of a unit's quarter, read from the database: for a compiled
 * report exactly as its latest version lists them (each record as it stood at that version,
 * evidence as it stood when compiled, the signatures, seal and checkpoint of that version); for
 * a quarter not yet compiled, a live preview. A reviewer above reads only what was submitted.
 */
import { periodDates } from '../calendar/period.js';
import type { Context } from '../platform/context.js';
import type { RecordRow, ReportRow } from '../platform/db/schema.js';
import { fail } from '../platform/errors.js';
import { describeMediaType } from '../records/media-type.js';
import { viewsOf } from '../records/record-reading.js';
import type { RecordInput } from '../records/record-schema.js';
import { recordsListedBy } from '../reports/listed-records.js';
import { quarterState } from '../reports/report-ledger.js';
import { periodOf } from '../reports/report-service.js';
import type { Summary } from '../reports/summary.js';
import { defaultLevels, provinceLevels } from '../reports/summary-rows.js';
import { readRules, versionInForce } from '../rules/rules.js';
import { readSettings } from '../settings/settings.js';
import {
  type EvidenceLine,
  type LedgerDocument,
  ledgerRow,
  type SituationLabel,
} from './ledger-document.js';
import {
  periodText,
  SIGNATURE_ORDER,
  SIGNATURE_TITLES,
  type SignatureLine,
  type SummaryDocument,
  summaryBlocks,
} from './summary-document.js';

export interface ReportDocuments {
  ledger: LedgerDocument;
  summary: SummaryDocument;
  /** The report version the documents show, or null for a live preview. */
  report: ReportRow | null;
}

/** Who reads: the unit's own people see every version, a reviewer above only submitted ones. */
export type ReaderKind = 'unit' | 'reviewer';

export async function loadReportDocuments(
  ctx: Context,
  unit: string,
  label: string,
  reader: ReaderKind,
): Promise<ReportDocuments> {
  const period = periodOf(label);
  const unitRow = await ctx.db
    .selectFrom('units')
    .select(['code', 'name'])
    .where('code', '=', unit)
    .executeTakeFirst();
  if (!unitRow) fail('UNIT_NOT_FOUND');

  const report = await reportToShow(ctx, unit, label, reader);
  const content = report ? await compiledContent(ctx, report) : await liveContent(ctx, unit, label);
  const rules = await readRules(ctx);
  const version = versionInForce(rules, periodDates(period).end)!;
  const labels = new Map<string, SituationLabel>(
    rules.versions.flatMap((v) => v.situations.map((s) => [s.id, s] as const)),
  );
  const views = await viewsOf(ctx, content.rows, { withReads: false });
  const rows = views.map((view, i) => ledgerRow(view, i + 1, labels));
  const periodNames = { label, text: periodText(label) };
  const levels = (await readSettings(ctx)).provinceLevels ? provinceLevels : defaultLevels;

  const ledger: LedgerDocument = {
    unit: unitRow,
    office: officeOf(content.rows),
    period: periodNames,
    situations: version.situations,
    rows,
    evidence: evidenceLines(views, content.compiledAt),
    reportVersion: report?.version ?? null,
  };
  const summary: SummaryDocument = {
    filler: unitRow,
    period: periodNames,
    ...summaryBlocks({ summary: content.summary, levels, situations: version.situations }),
    records: content.summary.records,
    zero: content.summary.zero,
    signatures: report ? await signatureLines(ctx, report) : unsigned(),
    seal: report ? await sealImage(ctx, report) : null,
    checkpoint: report?.checkpoint ?? null,
    reportVersion: report?.version ?? null,
  };

  return { ledger, summary, report };
}

async function reportToShow(
  ctx: Context,
  unit: string,
  label: string,
  reader: ReaderKind,
): Promise<ReportRow | null> {
  let query = ctx.db
    .selectFrom('reports')
    .selectAll()
    .where('unit', '=', unit)
    .where('period', '=', label);
  if (reader === 'reviewer') query = query.where('submitted_at', 'is not', null);
  const row = await query.orderBy('version', 'desc').executeTakeFirst();
  if (!row && reader === 'reviewer')
    fail('REPORT_NOT_FOUND', undefined, '该单位本季度尚未报送，没有可导出的报告');

  return row ?? null;
}

interface Content {
  rows: RecordRow[];
  summary: Summary;
  /** Evidence is shown as it stood at this instant; null for a live preview. */
  compiledAt: string | null;
}

/** The records of a compiled version, each with the data of the version the report lists. */
async function compiledContent(ctx: Context, report: ReportRow): Promise<Content> {
  const listed = await recordsListedBy(ctx, [report.id]);

  return {
    rows: listed.get(report.id)!,
    summary: JSON.parse(report.summary) as Summary,
    compiledAt: report.compiled_at,
  };
}

async function liveContent(ctx: Context, unit: string, label: string): Promise<Content> {
  const state = await quarterState(ctx, unit, periodOf(label), label);
  const ids = state.ledger.map((e) => e.recordId);
  const rows = ids.length
    ? await ctx.db.selectFrom('records').selectAll().where('id', 'in', ids).execute()
    : [];
  const rowById = new Map(rows.map((r) => [r.id, r]));

  return { rows: ids.map((id) => rowById.get(id)!), summary: state.summary, compiledAt: null };
}

/** 记录机构 as the records name it; a unit normally has one, but a rename shows both. */
function officeOf(rows: readonly RecordRow[]): string {
  const offices = new Set(rows.map((r) => (JSON.parse(r.data) as RecordInput).office));

  return [...offices].join('、');
}

function evidenceLines(
  views: Awaited<ReturnType<typeof viewsOf>>,
  compiledAt: string | null,
): EvidenceLine[] {
  return views.flatMap((view, i) =>
    view.evidence
      .filter((e) => current(e, compiledAt))
      .map((e) => ({
        seq: i + 1,
        name: e.name,
        kind: e.role === 'witness-signatures' ? '在场人员签字页' : kindLabel(e.mediaType),
        mediaType: e.mediaType,
        size: e.size,
        sm3: e.sm3,
      })),
  );
}

/** Evidence uploaded before the version was compiled and not yet replaced at that time. */
function current(
  e: { uploadedAt: string; superseded: { at: string } | null },
  compiledAt: string | null,
): boolean {
  if (compiledAt === null) return e.superseded === null;

  return e.uploadedAt <= compiledAt && (e.superseded === null || e.superseded.at > compiledAt);
}

function kindLabel(mediaType: string): string {
  return describeMediaType(mediaType)?.label ?? mediaType;
}

async function signatureLines(ctx: Context, report: ReportRow): Promise<SignatureLine[]> {
  const signatures = await ctx.db
    .selectFrom('report_signatures')
    .select(['role', 'name', 'at'])
    .where('report_id', '=', report.id)
    .where('voided_at', 'is', null)
    .execute();
  const filler = await ctx.db
    .selectFrom('users')
    .select('name')
    .where('username', '=', report.compiled_by)
    .executeTakeFirst();

  return SIGNATURE_ORDER.map((role) => {
    if (role === 'filler')
      return {
        role,
        title: SIGNATURE_TITLES[role],
        name: filler?.name ?? null,
        at: report.compiled_at,
      };
    const signed = signatures.find((s) => s.role === role);
    return {
      role,
      title: SIGNATURE_TITLES[role],
      name: signed?.name ?? null,
      at: signed?.at ?? null,
    };
  });
}

function unsigned(): SignatureLine[] {
  return SIGNATURE_ORDER.map((role) => ({
    role,
    title: SIGNATURE_TITLES[role],
    name: null,
    at: null,
  }));
}

/** The seal image a sealed report or yearly summary names, read back and checked. */
export async function sealImage(
  ctx: Context,
  report: Pick<ReportRow, 'seal'>,
): Promise<SummaryDocument['seal']> {
  if (!report.seal) return null;

  const { sealImage: sm3 } = JSON.parse(report.seal) as { sealImage: string };
  const seal = await ctx.db
    .selectFrom('unit_seals')
    .select('media_type')
    .where('sm3', '=', sm3)
    .executeTakeFirst();
  if (!seal) return null;

  return { bytes: await readStored(ctx, sm3), mediaType: seal.media_type };
}

/** The bytes of a stored file, refusing one whose content no longer matches its hash. */
export async function readStored(ctx: Context, sm3: string): Promise<Uint8Array> {
  if (!(await ctx.evidence.verify(sm3))) fail('EVIDENCE_CORRUPTED');
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.evidence.open(sm3)) chunks.push(chunk as Buffer);

  return Buffer.concat(chunks);
}
