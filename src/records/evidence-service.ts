/**
 * Evidence of a record: letters and their scans, screenshots, printed e-mails, audio and video
 * (填报说明 6: part of the ledger itself). Stored content-addressed outside the database with
 * its SM3 and SHA-256 in the log; never removed, only marked superseded.
 */
import { randomUUID } from 'node:crypto';
import { type Context, write } from '../platform/context.js';
import type { EvidenceRow } from '../platform/db/schema.js';
import { AppError, fail } from '../platform/errors.js';
import { readSettings } from '../settings/settings.js';
import { EvidenceRejected, type EvidenceSource } from './evidence-store.js';
import type { Viewer } from './record-access.js';
import { actorOfViewer, loadForChange, loadVisible, logRecordEvent } from './record-service.js';
import { completeIfReady } from './record-signing.js';
import { toEvidenceView } from './record-view.js';

export type EvidenceRole = 'evidence' | 'witness-signatures';

export async function addEvidence(
  ctx: Context,
  viewer: Viewer,
  recordId: string,
  upload: { source: EvidenceSource; fileName: string; role: EvidenceRole },
  ip: string,
) {
  const row = await loadForChange(ctx, viewer, recordId);
  const { evidenceMaxMegabytes } = await readSettings(ctx);

  let stored: Awaited<ReturnType<typeof ctx.evidence.put>>;
  try {
    stored = await ctx.evidence.put(upload.source, {
      maxBytes: evidenceMaxMegabytes * 1024 * 1024,
      fileName: upload.fileName,
    });
  } catch (error) {
    if (error instanceof EvidenceRejected) {
      throw new AppError(
        'EVIDENCE_REJECTED',
        [{ field: 'file', message: error.message }],
        error.message,
      );
    }
    throw error;
  }

  return write(
    ctx,
    async (change) => {
      const evidence: EvidenceRow = {
        id: randomUUID(),
        record_id: recordId,
        role: upload.role,
        name: safeName(upload.fileName),
        media_type: stored.mediaType,
        kind: stored.kind,
        size: stored.size,
        sm3: stored.sm3,
        sha256: stored.sha256,
        uploaded_by: viewer.user.username,
        uploaded_at: change.now.toISOString(),
        superseded_at: null,
        superseded_by: null,
        supersede_reason: null,
      };
      await change.trx.insertInto('evidence').values(evidence).execute();
      const { sm3, sha256, size, media_type: mediaType, role } = evidence;
      const data = { evidenceId: evidence.id, sm3, sha256, size, mediaType, role };
      await logRecordEvent(change, row, 'evidence.added', actorOfViewer(viewer, ip), data);
      if (role === 'witness-signatures')
        await completeIfReady(change, row, actorOfViewer(viewer, ip));

      return toEvidenceView(evidence);
    },
    { lock: row.unit },
  );
}

export async function supersedeEvidence(
  ctx: Context,
  viewer: Viewer,
  recordId: string,
  evidenceId: string,
  reason: string,
  ip: string,
) {
  const row = await loadForChange(ctx, viewer, recordId);
  const evidence = await findEvidence(ctx, recordId, evidenceId);
  if (evidence.superseded_at)
    fail('VALIDATION_FAILED', [{ field: 'evidence', message: '该证据材料已标记为被替代' }]);

  await write(
    ctx,
    async (change) => {
      const at = change.now.toISOString();
      await change.trx
        .updateTable('evidence')
        .set({ superseded_at: at, superseded_by: viewer.user.username, supersede_reason: reason })
        .where('id', '=', evidenceId)
        .execute();
      await logRecordEvent(change, row, 'evidence.superseded', actorOfViewer(viewer, ip), {
        evidenceId,
      });
    },
    { lock: row.unit },
  );
}

/**
 * Opens a piece of evidence for reading after checking its hash on disk: a flipped byte gives
 * an integrity error and an alarm event, never silently wrong content. The read is logged.
 */
export async function openEvidence(
  ctx: Context,
  viewer: Viewer,
  recordId: string,
  evidenceId: string,
  ip: string,
) {
  const row = await loadVisible(ctx, viewer, recordId);
  const evidence = await findEvidence(ctx, recordId, evidenceId);
  const intact = await ctx.evidence.verify(evidence.sm3);

  await write(ctx, (change) =>
    change.event(
      {
        type: intact ? 'evidence.read' : 'evidence.integrity-failed',
        actor: actorOfViewer(viewer, ip),
        unit: row.unit,
        result: intact ? 'success' : 'failure',
        data: { recordId, evidenceId, sm3: evidence.sm3 },
      },
      row.unit,
    ),
  );
  if (!intact) fail('EVIDENCE_CORRUPTED');

  return { evidence, stream: ctx.evidence.open(evidence.sm3) };
}

async function findEvidence(
  ctx: Context,
  recordId: string,
  evidenceId: string,
): Promise<EvidenceRow> {
  const evidence = await ctx.db
    .selectFrom('evidence')
    .selectAll()
    .where('id', '=', evidenceId)
    .where('record_id', '=', recordId)
    .executeTakeFirst();

  return evidence ?? fail('EVIDENCE_NOT_FOUND');
}

/** The user's file name without any path and without control characters, at most 200 long. */
export function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();

  return (clean || '证据材料').slice(0, 200);
}
