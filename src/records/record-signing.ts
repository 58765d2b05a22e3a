/**
 * Signatures on a record: the recorder signs (re-entering the password), each witness with an
 * account confirms with their own, or the recorder uploads the paper page the witnesses signed
 * (填报说明 4: 在场人员应当签字). A letter or message is signed only with evidence or a stated
 * reason why there is none (填报说明 6).
 */
import { verifyPassword } from '../auth/password.js';
import type { Actor } from '../ledger/event-log.js';
import { type Change, type Context, write } from '../platform/context.js';
import type { RecordRow } from '../platform/db/schema.js';
import { fail } from '../platform/errors.js';
import type { Viewer } from './record-access.js';
import type { RecordInput } from './record-schema.js';
import { actorOfViewer, loadForChange, loadVisible, logRecordEvent } from './record-service.js';

export async function signRecord(
  ctx: Context,
  viewer: Viewer,
  id: string,
  password: string,
  ip: string,
) {
  const row = await loadForChange(ctx, viewer, id);
  if (row.status !== 'draft') fail('RECORD_NOT_DRAFT', undefined, '记录已签字');
  await requirePassword(ctx, viewer, password, ip, 'record.sign');

  const input = JSON.parse(row.data) as RecordInput;
  if (
    input.form !== 'oral' &&
    !input.noEvidenceReason &&
    (await liveEvidence(ctx, id, 'evidence')) === 0
  ) {
    fail('EVIDENCE_REQUIRED');
  }

  await write(
    ctx,
    async (change) => {
      const at = change.now.toISOString();
      const signed = { ...row, status: 'signed', signed_at: at, updated_at: at };
      await change.trx
        .updateTable('records')
        .set({ status: 'signed', signed_at: at, updated_at: at })
        .where('id', '=', id)
        .execute();
      await logRecordEvent(change, signed, 'record.signed', actorOfViewer(viewer, ip), {
        version: row.version,
      });
      await completeIfReady(change, signed, actorOfViewer(viewer, ip));
    },
    { lock: row.unit },
  );
}

export async function confirmAsWitness(
  ctx: Context,
  viewer: Viewer,
  id: string,
  password: string,
  ip: string,
) {
  const row = await loadVisible(ctx, viewer, id);
  if (row.status === 'voided') fail('RECORD_VOIDED');
  if (row.status === 'draft') fail('RECORD_NOT_SIGNED');

  const mine = await ctx.db
    .selectFrom('record_witnesses')
    .selectAll()
    .where('record_id', '=', id)
    .where('username', '=', viewer.user.username)
    .execute();
  if (mine.length === 0) fail('NOT_A_WITNESS');
  if (mine.every((w) => w.confirmed_at)) fail('ALREADY_CONFIRMED');
  await requirePassword(ctx, viewer, password, ip, 'record.witness-confirm');

  await write(
    ctx,
    async (change) => {
      const at = change.now.toISOString();
      await change.trx
        .updateTable('record_witnesses')
        .set({ confirmed_at: at })
        .where('record_id', '=', id)
        .where('username', '=', viewer.user.username)
        .execute();
      const indexes = mine.map((w) => w.idx);
      await logRecordEvent(change, row, 'record.witness-confirmed', actorOfViewer(viewer, ip), {
        witnesses: indexes,
      });
      await completeIfReady(change, row, actorOfViewer(viewer, ip));
    },
    { lock: row.unit },
  );
}

/**
 * A signed record is complete when every witness has confirmed, or when the paper page with
 * the witnesses' signatures is attached; a letter or message has no witnesses to wait for.
 */
export async function completeIfReady(change: Change, row: RecordRow, actor: Actor): Promise<void> {
  if (row.status !== 'signed') return;

  const witnesses = await change.trx
    .selectFrom('record_witnesses')
    .selectAll()
    .where('record_id', '=', row.id)
    .execute();
  const input = JSON.parse(row.data) as RecordInput;
  const listed = input.form === 'oral' ? (input.details.witnesses ?? []).length : 0;
  const allConfirmed = witnesses.filter((w) => w.idx < listed).every((w) => w.confirmed_at);
  const paper = await change.trx
    .selectFrom('evidence')
    .select('id')
    .where('record_id', '=', row.id)
    .where('role', '=', 'witness-signatures')
    .where('superseded_at', 'is', null)
    .executeTakeFirst();
  if (!allConfirmed && !paper) return;

  const at = change.now.toISOString();
  await change.trx
    .updateTable('records')
    .set({ status: 'complete', completed_at: at, updated_at: at })
    .where('id', '=', row.id)
    .execute();
  await logRecordEvent(change, { ...row, status: 'complete' }, 'record.completed', actor, {
    by: paper && !allConfirmed ? 'witness-signature-page' : 'confirmations',
  });
}

async function liveEvidence(ctx: Context, id: string, role: string): Promise<number> {
  const rows = await ctx.db
    .selectFrom('evidence')
    .select('id')
    .where('record_id', '=', id)
    .where('role', '=', role)
    .where('superseded_at', 'is', null)
    .execute();

  return rows.length;
}

/** Re-authentication for an act that carries a signature; a wrong password is logged. */
export async function requirePassword(
  ctx: Context,
  viewer: Viewer,
  password: string,
  ip: string,
  act: string,
) {
  if (await verifyPassword(password, viewer.user.password_hash)) return;

  await write(ctx, (change) =>
    change.event({
      type: 'session.reauth-failed',
      actor: { username: viewer.user.username, ip },
      result: 'failure',
      data: { act },
    }),
  );
  fail('PASSWORD_WRONG', [{ field: 'password', message: '密码不正确，请重新输入' }]);
}
