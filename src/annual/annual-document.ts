/**
 * The yearly regional summary as the 附件2 document: the figures a version stored (never
 * today's), 填报单位 naming the region, 年度 as the period, the leaders' signatures, the seal
 * and the checkpoint once it was sent. Rendered by the same xlsx and PDF code as a quarter's.
 */
import { sealImage } from '../documents/report-documents.js';
import {
  periodText,
  SIGNATURE_ORDER,
  SIGNATURE_TITLES,
  type SummaryDocument,
  summaryBlocks,
} from '../documents/summary-document.js';
import type { Context } from '../platform/context.js';
import type { AnnualSummaryRow } from '../platform/db/schema.js';
import { defaultLevels, provinceLevels } from '../reports/summary-rows.js';
import { readRules } from '../rules/rules.js';
import { readSettings } from '../settings/settings.js';
import type { AnnualFigures } from './annual-summary.js';
import { signaturesOf } from './annual-summary.js';

export async function annualSummaryDocument(
  ctx: Context,
  row: AnnualSummaryRow,
): Promise<SummaryDocument> {
  const year = Number(row.year);
  const figures = JSON.parse(row.summary) as AnnualFigures;
  const rules = await readRules(ctx);
  const version =
    rules.versions.find((v) => v.id === figures.ruleVersion) ?? rules.versions.at(-1)!;
  const levels = (await readSettings(ctx)).provinceLevels ? provinceLevels : defaultLevels;
  const names = await ctx.db
    .selectFrom('units')
    .select('name')
    .where('code', '=', row.unit)
    .executeTakeFirstOrThrow();
  const filler = await ctx.db
    .selectFrom('users')
    .select('name')
    .where('username', '=', row.compiled_by)
    .executeTakeFirst();
  const signed = signaturesOf(row);

  return {
    filler: { code: row.unit, name: names.name },
    period: { label: String(year), text: periodText(`${year}Q1`, `${year}Q4`) },
    ...summaryBlocks({ summary: figures, levels, situations: version.situations }),
    records: figures.records,
    zero: figures.zero,
    signatures: SIGNATURE_ORDER.map((role) => {
      const title = SIGNATURE_TITLES[role];
      if (role === 'filler')
        return { role, title, name: filler?.name ?? null, at: row.compiled_at };
      const signature = signed.find((s) => s.role === role);
      return { role, title, name: signature?.name ?? null, at: signature?.at ?? null };
    }),
    seal: await sealImage(ctx, row),
    checkpoint: row.checkpoint,
    units: figures.units,
    reportVersion: Number(row.version),
  };
}
