/**
 * Making and changing records. Every change is an event in the unit's log, in the same
 * transaction; the log holds the record id and a digest of its content, not the content,
 * so a log entry shown to an auditor reveals nothing of what was recorded.
 *
 * Lifecycle: draft (editable by its recorder) → signed by the recorder → witnesses confirm
 * (oral) → complete. After signing, content changes only by amendment with a reason; any
 * record can be voided with a reason until its quarter is submitted. Nothing is deleted.
 */
import { createHash, randomUUID } from 'node:crypto';
import { beijingDate } from '../calendar/beijing-time.js';
import { formatPeriod, periodOfDate } from '../calendar/period.js';
import { canonicalJson } from '../ledger/canonical-json.js';
import type { Actor } from '../ledger/event-log.js';
import { type Change, type Context, write } from '../platform/context.js';
import type { RecordRow } from '../platform/db/schema.js';
import { fail } from '../platform/errors.js';
import { isFrozen, voidSignaturesAfterChange } from '../reports/report-invalidation.js';
import { readRules, versionInForce } from '../rules/rules.js';
import { interfererIdFor } from './interferers.js';
import { holdsRole, maySee, type Viewer } from './record-access.js';
import { supplementaryLate } from './record-rules.js';
import type { RecordInput } from './record-schema.js';
import { validateRecord } from './record-validation.js';

/** SM3 of the record's canonical JSON: what the log holds instead of the content. */
export function contentDigest(input: RecordInput): string {
  return createHash('sm3').update(canonicalJson(input)).digest('hex');
}

export function actorOfViewer(viewer: Viewer, ip: string): Actor {
  return { username: viewer.user.username, ip };
}

export async function createRecord(
  ctx: Context,
  viewer: Viewer,
  body: unknown,
  ip: string,
): Promise<string> {
  const input = await validateRecord(ctx, body);
  if (!holdsRole(viewer, 'recorder', input.unit)) fail('RECORDER_ROLE_REQUIRED');
  const ruleVersion = await ruleVersionOf(ctx, input);

  return write(
    ctx,
    (change) =>
      insertRecord(change, input, {
        ruleVersion,
        recorderId: viewer.user.id,
        actor: actorOfViewer(viewer, ip),
      }),
    { lock: input.unit },
  );
}

/** How a new record starts: a draft by default; an import brings records signed on paper. */
export interface NewRecord {
  ruleVersion: string;
  recorderId: string;
  actor: Actor;
  imported?: { file: string; row: number; recorder: string };
}

/**
 * Inserts a validated record with its first version, witnesses and `record.created` event.
 * Precondition: `input` passed validateRecord (or the same rules) and the caller holds the
 * unit's log lock. An imported record starts complete and its event carries the file's SM3,
 * the row and a digest of the paper's 记录人, so the table replay checks the marker too.
 */
export async function insertRecord(
  change: Change,
  input: RecordInput,
  how: NewRecord,
): Promise<string> {
  const id = randomUUID();
  const now = change.now.toISOString();
  const { imported } = how;
  const row: RecordRow = {
    id,
    ...columnsOf(input, how.ruleVersion, change.now),
    status: imported ? 'complete' : 'draft',
    recorder_id: how.recorderId,
    interferer_id: await interfererIdFor(change, input.unit, input.interferer),
    version: 1,
    created_at: now,
    updated_at: now,
    signed_at: imported ? now : null,
    completed_at: imported ? now : null,
    voided_at: null,
    voided_by: null,
    void_reason: null,
    log_index: 0,
    imported_from: imported?.file ?? null,
    imported_row: imported?.row ?? null,
    imported_recorder: imported?.recorder ?? null,
  };
  await change.trx.insertInto('records').values(row).execute();
  await saveVersion(change, row, imported ? 'imported' : 'created', how.actor.username, null);
  await syncWitnesses(change, id, input);
  const marker = imported
    ? {
        imported: {
          file: imported.file,
          row: imported.row,
          recorderDigest: digestOf(imported.recorder),
        },
      }
    : {};
  await logRecordEvent(change, row, 'record.created', how.actor, {
    version: 1,
    digest: contentDigest(input),
    ...marker,
  });

  return id;
}

/** Saves a draft: the whole record or any top-level fields of it. Each save is an event. */
export async function updateDraft(
  ctx: Context,
  viewer: Viewer,
  id: string,
  patch: Record<string, unknown>,
  ip: string,
) {
  const row = await loadForChange(ctx, viewer, id);
  if (row.status !== 'draft') fail('RECORD_NOT_DRAFT');

  const input = await validateRecord(ctx, merged(row, patch));
  if (input.unit !== row.unit && !holdsRole(viewer, 'recorder', input.unit))
    fail('RECORDER_ROLE_REQUIRED');
  await replaceContent(ctx, viewer, row, input, { kind: 'draft-saved', reason: null, ip });
}

/** After signing: a new version with a reason; every earlier version stays readable. */
export async function amendRecord(
  ctx: Context,
  viewer: Viewer,
  id: string,
  changes: Record<string, unknown>,
  reason: string,
  ip: string,
) {
  const row = await loadForChange(ctx, viewer, id);
  if (row.status === 'draft') fail('RECORD_NOT_SIGNED', undefined, '草稿可以直接修改，无需更正');
  await requireOpenQuarter(ctx, row);

  const input = await validateRecord(ctx, merged(row, changes));
  if (input.unit !== row.unit)
    fail('VALIDATION_FAILED', [{ field: 'unit', message: '更正不能改变记录单位' }]);
  await replaceContent(ctx, viewer, row, input, { kind: 'amended', reason, ip });
}

async function replaceContent(
  ctx: Context,
  viewer: Viewer,
  row: RecordRow,
  input: RecordInput,
  how: { kind: 'draft-saved' | 'amended'; reason: string | null; ip: string },
) {
  const ruleVersion = await ruleVersionOf(ctx, input);

  await write(
    ctx,
    async (change) => {
      const next: RecordRow = {
        ...row,
        ...columnsOf(input, ruleVersion, new Date(row.created_at)),
        interferer_id: await interfererIdFor(change, input.unit, input.interferer),
        version: row.version + 1,
        updated_at: change.now.toISOString(),
      };
      const { id, ...values } = next;
      await change.trx.updateTable('records').set(values).where('id', '=', id).execute();
      // A record moved to another quarter leaves its old quarter's report changed too.
      if (next.period !== row.period)
        await voidSignaturesAfterChange(change, row.unit, row.period, id);
      await saveVersion(change, next, how.kind, viewer.user.username, how.reason);
      await syncWitnesses(change, id, input);
      const data = {
        version: next.version,
        digest: contentDigest(input),
        ...(how.reason ? { reasonDigest: digestOf(how.reason) } : {}),
      };
      await logRecordEvent(change, next, `record.${how.kind}`, actorOfViewer(viewer, how.ip), data);
    },
    { lock: row.unit },
  );
}

export async function voidRecord(
  ctx: Context,
  viewer: Viewer,
  id: string,
  reason: string,
  ip: string,
) {
  const row = await loadVisible(ctx, viewer, id);
  const allowed = row.recorder_id === viewer.user.id || holdsRole(viewer, 'filler', row.unit);
  if (!allowed) fail('RECORD_NOT_YOURS', undefined, '只有记录人本人或本单位填报人可以作废记录');
  if (row.status === 'voided') fail('RECORD_VOIDED');
  await requireOpenQuarter(ctx, row);

  await write(
    ctx,
    async (change) => {
      const at = change.now.toISOString();
      const next = {
        ...row,
        status: 'voided',
        voided_at: at,
        voided_by: viewer.user.username,
        void_reason: reason,
        updated_at: at,
      };
      await change.trx
        .updateTable('records')
        .set({
          status: next.status,
          voided_at: at,
          voided_by: next.voided_by,
          void_reason: reason,
          updated_at: at,
        })
        .where('id', '=', id)
        .execute();
      await logRecordEvent(change, next, 'record.voided', actorOfViewer(viewer, ip), {
        reasonDigest: digestOf(reason),
      });
    },
    { lock: row.unit },
  );
}

/** The record, if the viewer may see it and it is theirs to change; 404 / 403 otherwise. */
export async function loadForChange(ctx: Context, viewer: Viewer, id: string): Promise<RecordRow> {
  const row = await loadVisible(ctx, viewer, id);
  if (row.recorder_id !== viewer.user.id) fail('RECORD_NOT_YOURS');
  if (row.status === 'voided') fail('RECORD_VOIDED');

  return row;
}

export async function loadVisible(ctx: Context, viewer: Viewer, id: string): Promise<RecordRow> {
  const row = await ctx.db
    .selectFrom('records')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !(await maySee(ctx, viewer, row))) fail('RECORD_NOT_FOUND');

  return row;
}

/**
 * Appends a record event to the unit's log and remembers the index of the record's latest
 * event, so a receipt can prove exactly that state.
 */
export async function logRecordEvent(
  change: Change,
  row: RecordRow,
  type: string,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<number> {
  const status = row.status;
  if (!type.startsWith('evidence.') || type === 'evidence.added') {
    await voidSignaturesAfterChange(change, row.unit, row.period, row.id);
  }
  const appended = await change.event(
    { type, actor, unit: row.unit, data: { recordId: row.id, status, ...data } },
    row.unit,
  );
  await change.trx
    .updateTable('records')
    .set({ log_index: appended.index })
    .where('id', '=', row.id)
    .execute();

  return appended.index;
}

/**
 * A record listed in a submitted report is frozen: a later find or correction goes into a
 * supplementary submission of its quarter, never into what was sent (domain reference §7).
 */
export async function requireOpenQuarter(ctx: Context, row: RecordRow): Promise<void> {
  if (await isFrozen(ctx.db, row.id)) fail('QUARTER_SUBMITTED');
}

async function ruleVersionOf(ctx: Context, input: RecordInput): Promise<string> {
  const version = versionInForce(await readRules(ctx), input.occurredAt.slice(0, 10));

  return version!.id;
}

function columnsOf(input: RecordInput, ruleVersion: string, recordedAt: Date) {
  return {
    unit: input.unit,
    period: formatPeriod(periodOfDate(input.occurredAt)),
    rule_version: ruleVersion,
    occurred_at: input.occurredAt,
    form: input.form,
    channel: input.channel ?? null,
    situation: input.situation,
    level: input.interferer.level,
    data: JSON.stringify(input),
    supplementary_late: supplementaryLate(input, beijingDate(recordedAt)) ? 1 : 0,
  };
}

async function saveVersion(
  change: Change,
  row: RecordRow,
  kind: string,
  actor: string,
  reason: string | null,
) {
  await change.trx
    .insertInto('record_versions')
    .values({
      record_id: row.id,
      version: row.version,
      kind,
      data: row.data,
      reason,
      actor,
      at: change.now.toISOString(),
    })
    .execute();
}

/** Keeps one witness row per listed witness; confirmations survive while the witness stays. */
async function syncWitnesses(change: Change, id: string, input: RecordInput) {
  const witnesses = input.form === 'oral' ? (input.details.witnesses ?? []) : [];
  const existing = await change.trx
    .selectFrom('record_witnesses')
    .selectAll()
    .where('record_id', '=', id)
    .execute();

  for (const [idx, witness] of witnesses.entries()) {
    const old = existing.find((w) => w.idx === idx);
    const username = witness.user ?? null;
    if (!old) {
      await change.trx
        .insertInto('record_witnesses')
        .values({ record_id: id, idx, username, confirmed_at: null })
        .execute();
    } else if (old.username !== username) {
      await change.trx
        .updateTable('record_witnesses')
        .set({ username, confirmed_at: null })
        .where('record_id', '=', id)
        .where('idx', '=', idx)
        .execute();
    }
  }

  // Witness rows beyond the list lose their account link; the row (and history) remains.
  await change.trx
    .updateTable('record_witnesses')
    .set({ username: null, confirmed_at: null })
    .where('record_id', '=', id)
    .where('idx', '>=', witnesses.length)
    .execute();
}

/**
 * The stored record with the given top-level fields replaced; a field given as null is
 * removed, so a draft can drop its channel when it stops being a message, or its
 * supplementary part.
 */
function merged(row: RecordRow, fields: Record<string, unknown>): Record<string, unknown> {
  const next: Record<string, unknown> = { ...(JSON.parse(row.data) as object), ...fields };
  for (const [key, value] of Object.entries(fields)) if (value === null) delete next[key];

  return next;
}

export function digestOf(text: string): string {
  return createHash('sm3').update(text).digest('hex');
}
