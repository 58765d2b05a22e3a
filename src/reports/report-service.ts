/**
 * The quarterly report of a unit, up to its signatures: compile (the filler) and sign (the
 * rule-of-law leader and the principal, each with their own password); sending it is in
 * report-submission.ts. Every act is an event in the unit's log; a sent version never
 * changes: a returned report is corrected as a new version, a late find goes into a
 * supplementary version (补报).
 */
import { createHash, randomUUID } from 'node:crypto';
import { periodCalendar } from '../calendar/due-date.js';
import { type Period, parsePeriod } from '../calendar/period.js';
import { makeCheckpoint } from '../ledger/checkpoints.js';
import type { Actor } from '../ledger/event-log.js';
import { type Change, type Context, write } from '../platform/context.js';
import { lockForUpdate } from '../platform/db/database.js';
import type { ReportRow } from '../platform/db/schema.js';
import { fail } from '../platform/errors.js';
import type { Viewer } from '../records/record-access.js';
import { listHolidays } from '../rules/holidays.js';
import { deadlineRules, readSettings } from '../settings/settings.js';
import { SENT } from './report-invalidation.js';
import { quarterState } from './report-ledger.js';

export type SignerRole = 'ruleOfLawLeader' | 'principal';

export function periodOf(label: string): Period {
  return parsePeriod(label) ?? fail('PERIOD_INVALID');
}

export async function dueOf(ctx: Context, period: Period): Promise<string> {
  const settings = await readSettings(ctx);
  const days = settings.deadlineMovesPastHolidays ? await listHolidays(ctx) : [];

  return periodCalendar(period, deadlineRules(settings), days).due;
}

export async function latestReport(
  ctx: Context | Change['trx'],
  unit: string,
  period: string,
): Promise<ReportRow | undefined> {
  const db = 'db' in ctx ? ctx.db : ctx;

  return db
    .selectFrom('reports')
    .selectAll()
    .where('unit', '=', unit)
    .where('period', '=', period)
    .orderBy('version', 'desc')
    .executeTakeFirst();
}

/**
 * Compiles the quarter: a new version when none is open (the first, after a return, or a
 * supplement after sending), else the open version is recompiled (its signatures were voided
 * by any change). Waiting witnesses block unless the filler says why.
 */
export async function compileReport(
  ctx: Context,
  viewer: Viewer,
  unit: string,
  label: string,
  witnessGapReason: string | undefined,
  ip: string,
) {
  requireRole(viewer, 'filler', unit);
  const period = periodOf(label);
  const state = await quarterState(ctx, unit, period, label);
  const latest = await latestReport(ctx, unit, label);
  const due = await dueOf(ctx, period);
  const kind = !latest
    ? 'regular'
    : latest.status === 'returned'
      ? 'resubmission'
      : SENT.includes(latest.status)
        ? 'supplementary'
        : latest.kind;
  if (
    kind === 'supplementary' &&
    latest &&
    !(await hasNewRecords(
      ctx,
      latest,
      state.ledger.map((e) => e.recordId),
    ))
  ) {
    fail('NOTHING_TO_SUPPLEMENT');
  }

  const warnings = {
    drafts: state.drafts,
    awaitingWitness: state.awaitingWitness,
    ...(state.awaitingWitness.length && witnessGapReason ? { witnessGapReason } : {}),
  };
  const id = await write(
    ctx,
    async (change) => {
      // Two fillers compiling at once: the unit's log head serialises them, and the second
      // finds the report changed under it and is told to reload instead of writing a duplicate.
      await lockForUpdate(change.trx, ctx.engine, unit);
      const now = await latestReport(change.trx, unit, label);
      if (
        now?.id !== latest?.id ||
        now?.status !== latest?.status ||
        now?.compiled_at !== latest?.compiled_at
      ) {
        fail('REPORT_STATE', undefined, '报告刚被他人编制过，请刷新后再操作');
      }

      const reuse =
        latest && !SENT.includes(latest.status) && latest.status !== 'returned'
          ? latest
          : undefined;
      const id = reuse?.id ?? randomUUID();
      const values = {
        status: 'draft',
        summary: JSON.stringify(state.summary),
        ledger_digest: state.ledgerDigest,
        warnings: JSON.stringify(warnings),
        witness_gap_reason: witnessGapReason ?? null,
        compiled_at: change.now.toISOString(),
        compiled_by: viewer.user.username,
        seal: null,
      };

      if (reuse) {
        await change.trx.updateTable('reports').set(values).where('id', '=', id).execute();
        await change.trx.deleteFrom('report_records').where('report_id', '=', id).execute();
        await voidOpenSignatures(change, id, '报告已重新编制');
      } else {
        await change.trx
          .insertInto('reports')
          .values({
            id,
            unit,
            period: label,
            version: (latest?.version ?? 0) + 1,
            kind,
            due,
            ...emptyDecision(),
            ...values,
          })
          .execute();
      }

      if (state.ledger.length > 0) {
        const rows = state.ledger.map((e) => ({
          report_id: id,
          seq: e.seq,
          record_id: e.recordId,
          record_version: e.recordVersion,
          digest: e.digest,
          log_index: e.logIndex,
        }));
        await change.trx.insertInto('report_records').values(rows).execute();
      }

      const data = {
        reportId: id,
        period: label,
        kind,
        records: state.ledger.length,
        ledgerDigest: state.ledgerDigest,
        summary: state.summary,
        warnings: {
          drafts: state.drafts.length,
          awaitingWitness: state.awaitingWitness.length,
          witnessGapReason: witnessGapReason ?? null,
        },
      };
      await change.event({ type: 'report.compiled', actor: actorOf(viewer, ip), unit, data }, unit);

      return id;
    },
    { lock: unit },
  );

  await pinCheckpoint(ctx, viewer, unit, id, ip);
  return id;
}

/**
 * Signs the unit log's head right after compiling and keeps it with the report: the printed
 * summary carries it, so the paper with wet signatures pins the exact digital state.
 */
async function pinCheckpoint(ctx: Context, viewer: Viewer, unit: string, id: string, ip: string) {
  const checkpoint = await makeCheckpoint(ctx, unit);
  await write(
    ctx,
    async (change) => {
      const data = {
        reportId: id,
        checkpointSize: checkpoint.size,
        checkpointRoot: checkpoint.root,
      };
      await change.event({ type: 'report.pinned', actor: actorOf(viewer, ip), unit, data }, unit);
      const pin = { checkpoint: checkpoint.note, checkpoint_size: checkpoint.size };
      await change.trx.updateTable('reports').set(pin).where('id', '=', id).execute();
    },
    { lock: unit },
  );
}

/** The rule-of-law leader or the principal signs, re-entering the password. */
export async function signReport(
  ctx: Context,
  viewer: Viewer,
  unit: string,
  label: string,
  role: SignerRole,
  ip: string,
) {
  requireRole(viewer, role, unit);
  const report = await openReport(ctx, unit, label);
  await requireFresh(ctx, report);

  await write(
    ctx,
    async (change) => {
      await voidOpenSignatures(change, report.id, '同一角色重新签字', role);
      await change.trx
        .insertInto('report_signatures')
        .values({
          report_id: report.id,
          role,
          username: viewer.user.username,
          name: viewer.user.name,
          at: change.now.toISOString(),
          voided_at: null,
          void_reason: null,
        })
        .execute();
      const signed = await liveSignatureRoles(change, report.id);
      const status =
        signed.includes('ruleOfLawLeader') && signed.includes('principal') ? 'signed' : 'draft';
      await change.trx.updateTable('reports').set({ status }).where('id', '=', report.id).execute();
      await change.event(
        {
          type: 'report.signed',
          actor: actorOf(viewer, ip),
          unit,
          data: { reportId: report.id, role, ledgerDigest: report.ledger_digest },
        },
        unit,
      );
    },
    { lock: unit },
  );
}

export async function openReport(ctx: Context, unit: string, label: string): Promise<ReportRow> {
  periodOf(label);
  const report = await latestReport(ctx, unit, label);
  if (!report) fail('REPORT_NOT_FOUND');
  if (SENT.includes(report.status) || report.status === 'returned') {
    fail('REPORT_STATE', undefined, '报告已报送或已退回；如需更正或补报，请重新编制');
  }

  return report;
}

/** Signing what no longer matches the records would sign a fiction: compile again first. */
export async function requireFresh(ctx: Context, report: ReportRow) {
  const state = await quarterState(ctx, report.unit, periodOf(report.period), report.period);
  if (state.ledgerDigest !== report.ledger_digest) fail('REPORT_STALE');
}

async function hasNewRecords(ctx: Context, sent: ReportRow, current: string[]): Promise<boolean> {
  const listed = await ctx.db
    .selectFrom('report_records')
    .select('record_id')
    .where('report_id', '=', sent.id)
    .execute();
  const before = new Set(listed.map((r) => r.record_id));

  return current.some((id) => !before.has(id));
}

async function voidOpenSignatures(change: Change, reportId: string, reason: string, role?: string) {
  let query = change.trx
    .updateTable('report_signatures')
    .set({ voided_at: change.now.toISOString(), void_reason: reason })
    .where('report_id', '=', reportId)
    .where('voided_at', 'is', null);
  if (role) query = query.where('role', '=', role);

  await query.execute();
}

async function liveSignatureRoles(change: Change, reportId: string): Promise<string[]> {
  const rows = await change.trx
    .selectFrom('report_signatures')
    .select('role')
    .where('report_id', '=', reportId)
    .where('voided_at', 'is', null)
    .execute();

  return rows.map((r) => r.role);
}

export function requireRole(viewer: Viewer, role: string, unit: string): void {
  const holds = viewer.holder.roles.some((g) => g.role === role && g.unit === unit);
  if (!holds) fail('REPORT_ROLE_REQUIRED');
}

export function actorOf(viewer: Viewer, ip: string): Actor {
  return { username: viewer.user.username, ip };
}

function emptyDecision() {
  return {
    scan_sm3: null,
    scan_media_type: null,
    checkpoint: null,
    checkpoint_size: null,
    submitted_at: null,
    submitted_by: null,
    days_late: null,
    decided_at: null,
    decided_by: null,
    return_reason: null,
    integrity: null,
  };
}

export function digest(text: string): string {
  return createHash('sm3').update(text).digest('hex');
}
