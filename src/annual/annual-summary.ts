/**
 * The yearly regional summary (本地区《汇总表》, notice 第三条): each county and city bureau
 * compiles the 附件2 summary of its region for the past year from the quarterly reports it
 * accepted, has it signed by the rule-of-law leader and the principal, seals it and sends it
 * on (the county to the city, the city to 市委、市政府、省统计局 by the end of January). The
 * steps mirror the quarterly report's, and every step is an event in the bureau's log.
 */
import { randomUUID } from 'node:crypto';
import { countedReports } from '../analysis/region-summary.js';
import { beijingDate } from '../calendar/beijing-time.js';
import { formatDate } from '../calendar/period.js';
import { regionalFigures } from '../documents/regional-summary.js';
import { canonicalJson } from '../ledger/canonical-json.js';
import { signMessage } from '../ledger/signer.js';
import { activeSigningKey } from '../ledger/signing-keys.js';
import { bureauKinds, type UnitKind } from '../org/unit-schema.js';
import { type Change, type Context, write } from '../platform/context.js';
import type { AnnualSummaryRow } from '../platform/db/schema.js';
import { fail } from '../platform/errors.js';
import type { Viewer } from '../records/record-access.js';
import { actorOf, digest, requireRole } from '../reports/report-service.js';
import { sending } from '../reports/report-submission.js';
import type { Summary } from '../reports/summary.js';
import { readSettings, type Settings } from '../settings/settings.js';
import {
  type AnnualSignature,
  type AnnualSignerRole,
  type AnnualStatus,
  annualEventData,
} from './annual-state.js';

/** What a version stores as its figures: the 附件2 counts and how many units reported. */
export interface AnnualFigures extends Summary {
  units: number;
  ruleVersion: string;
}

/**
 * The due date of a bureau's yearly summary for `year`: the notice fixes the city's (1月底前);
 * a county's is a setting, early enough for the city to aggregate.
 */
export function annualDue(kind: string, year: number, settings: Settings): string {
  const day = kind === 'county' ? settings.regionalSummaryDueDay : 31;

  return formatDate(year + 1, 1, day);
}

export function isBureau(kind: string): boolean {
  return bureauKinds.includes(kind as UnitKind);
}

/** The versions of a bureau's yearly summary, newest first. */
export function annualVersions(ctx: Pick<Context, 'db'>, unit: string, year: number) {
  return ctx.db
    .selectFrom('annual_summaries')
    .selectAll()
    .where('unit', '=', unit)
    .where('year', '=', year)
    .orderBy('version', 'desc')
    .execute();
}

/** The figures of the region for the year as they stand now, and what they count. */
export async function liveAnnualFigures(ctx: Context, unit: string, year: number) {
  const figures = await regionalFigures(ctx, unit, `${year}Q1`, `${year}Q4`, 'accepted');
  const basis = countedReports(figures);
  const summary: AnnualFigures = {
    ...figures.summary,
    units: new Set(basis.map((r) => r.unit)).size,
    ruleVersion: figures.ruleVersion.id,
  };

  return { summary, basis, basisDigest: digest(canonicalJson(basis)) };
}

/** Compiles the year: a new version, or the open one again with its signatures cleared. */
export async function compileAnnual(
  ctx: Context,
  viewer: Viewer,
  unit: string,
  year: number,
  ip: string,
): Promise<void> {
  requireRole(viewer, 'filler', unit);
  const bureau = await bureauOf(ctx, unit);
  const now = ctx.clock.now();
  if (beijingDate(now) < formatDate(year + 1, 1, 1)) fail('ANNUAL_TOO_EARLY');
  const [latest] = await annualVersions(ctx, unit, year);
  const live = await liveAnnualFigures(ctx, unit, year);
  const settings = await readSettings(ctx);

  await write(
    ctx,
    async (change) => {
      const compiled = {
        status: 'draft' satisfies AnnualStatus,
        summary: JSON.stringify(live.summary),
        basis: JSON.stringify(live.basis),
        basis_digest: live.basisDigest,
        signatures: '[]',
        seal: null,
        compiled_at: change.now.toISOString(),
        compiled_by: viewer.user.username,
      };
      const reopen = latest && latest.status !== 'submitted';
      const id = reopen ? latest.id : randomUUID();
      if (reopen) {
        await change.trx
          .updateTable('annual_summaries')
          .set(compiled)
          .where('id', '=', id)
          .execute();
      } else {
        await change.trx
          .insertInto('annual_summaries')
          .values({
            id,
            unit,
            year,
            version: (latest?.version ?? 0) + 1,
            due: annualDue(bureau.kind, year, settings),
            ...compiled,
            checkpoint: null,
            checkpoint_size: null,
            submitted_at: null,
            submitted_by: null,
            days_late: null,
          })
          .execute();
      }
      const row = await rowOf(change, id);
      const data = annualEventData(row, {
        units: live.summary.units,
        records: live.summary.records,
        reports: live.basis.length,
      });
      await change.event({ type: 'annual.compiled', actor: actorOf(viewer, ip), unit, data }, unit);
    },
    { lock: unit },
  );
}

/** The rule-of-law leader or the principal signs; the route has checked their password. */
export async function signAnnual(
  ctx: Context,
  viewer: Viewer,
  unit: string,
  year: number,
  role: AnnualSignerRole,
  ip: string,
): Promise<void> {
  requireRole(viewer, role, unit);
  const open = await openAnnual(ctx, unit, year, ['draft', 'signed']);
  await requireFresh(ctx, open);

  await write(
    ctx,
    async (change) => {
      const signature: AnnualSignature = {
        role,
        username: viewer.user.username,
        name: viewer.user.name,
        at: change.now.toISOString(),
      };
      const signatures = [...signaturesOf(open).filter((s) => s.role !== role), signature];
      const both = signatures.length === 2;
      await change.trx
        .updateTable('annual_summaries')
        .set({ signatures: JSON.stringify(signatures), status: both ? 'signed' : 'draft' })
        .where('id', '=', open.id)
        .execute();
      const data = annualEventData(await rowOf(change, open.id), { role });
      await change.event({ type: 'annual.signed', actor: actorOf(viewer, ip), unit, data }, unit);
    },
    { lock: unit },
  );
}

/** The filler applies the bureau's seal: the instance key signs the figures with it. */
export async function sealAnnual(
  ctx: Context,
  viewer: Viewer,
  unit: string,
  year: number,
  ip: string,
): Promise<void> {
  requireRole(viewer, 'filler', unit);
  const open = await openAnnual(ctx, unit, year, ['signed']);
  await requireFresh(ctx, open);
  const seal = await ctx.db
    .selectFrom('unit_seals')
    .selectAll()
    .where('unit', '=', unit)
    .orderBy('uploaded_at', 'desc')
    .executeTakeFirst();
  if (!seal) fail('SEAL_MISSING');

  const signer = await activeSigningKey(ctx);
  const statement = canonicalJson({
    unit,
    year,
    version: open.version,
    summary: JSON.parse(open.summary),
    basisDigest: open.basis_digest,
    seal: seal.sm3,
  });
  const value = {
    keyId: signer.id,
    sealImage: seal.sm3,
    statementDigest: digest(statement),
    signature: signMessage(signer.key, Buffer.from(statement)).toString('base64'),
  };

  await write(
    ctx,
    async (change) => {
      await change.trx
        .updateTable('annual_summaries')
        .set({ status: 'sealed', seal: JSON.stringify(value) })
        .where('id', '=', open.id)
        .execute();
      const data = annualEventData(await rowOf(change, open.id), {
        keyId: signer.id,
        sealImage: seal.sm3,
        statementDigest: value.statementDigest,
      });
      await change.event({ type: 'annual.sealed', actor: actorOf(viewer, ip), unit, data }, unit);
    },
    { lock: unit },
  );
}

/**
 * Sends the sealed summary, pinning a fresh checkpoint of the bureau's log so anyone can prove
 * later that the quarterly reports it counts were not changed, and the days late in Beijing time.
 */
export async function submitAnnual(
  ctx: Context,
  viewer: Viewer,
  unit: string,
  year: number,
  ip: string,
): Promise<void> {
  requireRole(viewer, 'filler', unit);
  const open = await openAnnual(ctx, unit, year, ['sealed']);
  await requireFresh(ctx, open);
  const { checkpoint, columns } = await sending(ctx, viewer, unit, open.due);

  await write(
    ctx,
    async (change) => {
      await change.trx
        .updateTable('annual_summaries')
        .set({ status: 'submitted', ...columns })
        .where('id', '=', open.id)
        .execute();
      const data = annualEventData(await rowOf(change, open.id), {
        checkpointSize: checkpoint.size,
        checkpointRoot: checkpoint.root,
        daysLate: columns.days_late,
      });
      await change.event(
        { type: 'annual.submitted', actor: actorOf(viewer, ip), unit, data },
        unit,
      );
    },
    { lock: unit },
  );
}

export function signaturesOf(row: AnnualSummaryRow): AnnualSignature[] {
  return JSON.parse(row.signatures) as AnnualSignature[];
}

/** Signing or sending figures that no longer match the accepted reports would sign a fiction. */
export async function isStale(ctx: Context, row: AnnualSummaryRow): Promise<boolean> {
  const live = await liveAnnualFigures(ctx, row.unit, Number(row.year));

  return live.basisDigest !== row.basis_digest;
}

async function requireFresh(ctx: Context, row: AnnualSummaryRow): Promise<void> {
  if (await isStale(ctx, row)) fail('ANNUAL_STALE');
}

async function openAnnual(
  ctx: Context,
  unit: string,
  year: number,
  statuses: AnnualStatus[],
): Promise<AnnualSummaryRow> {
  const [latest] = await annualVersions(ctx, unit, year);
  if (!latest) fail('ANNUAL_NOT_FOUND');
  if (!statuses.includes(latest.status as AnnualStatus))
    fail('ANNUAL_STATE', undefined, stateHint(latest));

  return latest;
}

function stateHint(row: AnnualSummaryRow): string {
  switch (row.status) {
    case 'draft':
      return '本地区汇总表须先由分管统计法治负责人和主要负责人签字';
    case 'signed':
      return '本地区汇总表已签字，须先加盖公章才能报送';
    case 'sealed':
      return '本地区汇总表已盖章，如需改动请重新编制';
    default:
      return '本地区汇总表已报送；如需更正，请重新编制新版本';
  }
}

async function bureauOf(ctx: Context, unit: string) {
  const row = await ctx.db
    .selectFrom('units')
    .select(['code', 'kind'])
    .where('code', '=', unit)
    .executeTakeFirst();
  if (!row) fail('UNIT_NOT_FOUND');
  if (!isBureau(row.kind)) fail('ANNUAL_NOT_BUREAU');

  return row;
}

function rowOf(change: Change, id: string): Promise<AnnualSummaryRow> {
  return change.trx
    .selectFrom('annual_summaries')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}
